#!/usr/bin/env python3
"""Writes the response shapes TestState checks mocked task results against (its fieldValidationMode).

The shapes come from AWS's API models as botocore ships them (Apache License 2.0): for each integration listed
below, the output shape of its API operation and every shape it reaches, without documentation. Member names are
written as Step Functions returns them, with a capital first letter (startExecution answers ExecutionArn).

    python3 scripts/mock-shapes.py > conflux-server/src/main/resources/io/conflux/server/mock-shapes.json

Add an integration by adding a line to INTEGRATIONS and running the script again.
"""
import gzip
import json
import os
import sys

import botocore

# The integration as a Task Resource names it (after arn:aws:states:::, without a pattern suffix), and the
# botocore service and operation whose output it returns.
INTEGRATIONS = {
    # Optimized integrations (request-response).
    "lambda:invoke": ("lambda", "Invoke"),
    "states:startExecution": ("stepfunctions", "StartExecution"),
    "sqs:sendMessage": ("sqs", "SendMessage"),
    "sns:publish": ("sns", "Publish"),
    "dynamodb:getItem": ("dynamodb", "GetItem"),
    "dynamodb:putItem": ("dynamodb", "PutItem"),
    "dynamodb:updateItem": ("dynamodb", "UpdateItem"),
    "dynamodb:deleteItem": ("dynamodb", "DeleteItem"),
    "events:putEvents": ("events", "PutEvents"),
    "ecs:runTask": ("ecs", "RunTask"),
    "batch:submitJob": ("batch", "SubmitJob"),
    "glue:startJobRun": ("glue", "StartJobRun"),
    "athena:startQueryExecution": ("athena", "StartQueryExecution"),
    "athena:getQueryExecution": ("athena", "GetQueryExecution"),
    "athena:getQueryResults": ("athena", "GetQueryResults"),
    "athena:stopQueryExecution": ("athena", "StopQueryExecution"),
    "codebuild:startBuild": ("codebuild", "StartBuild"),
    # AWS SDK integrations in common use.
    "aws-sdk:s3:getObject": ("s3", "GetObject"),
    "aws-sdk:s3:putObject": ("s3", "PutObject"),
    "aws-sdk:s3:headObject": ("s3", "HeadObject"),
    "aws-sdk:s3:copyObject": ("s3", "CopyObject"),
    "aws-sdk:s3:deleteObject": ("s3", "DeleteObject"),
    "aws-sdk:s3:listObjectsV2": ("s3", "ListObjectsV2"),
    "aws-sdk:s3:listBuckets": ("s3", "ListBuckets"),
    "aws-sdk:kms:encrypt": ("kms", "Encrypt"),
    "aws-sdk:kms:decrypt": ("kms", "Decrypt"),
    "aws-sdk:kms:generateDataKey": ("kms", "GenerateDataKey"),
    "aws-sdk:lambda:invoke": ("lambda", "Invoke"),
    "aws-sdk:lambda:getFunction": ("lambda", "GetFunction"),
    "aws-sdk:lambda:listFunctions": ("lambda", "ListFunctions"),
    "aws-sdk:dynamodb:getItem": ("dynamodb", "GetItem"),
    "aws-sdk:dynamodb:putItem": ("dynamodb", "PutItem"),
    "aws-sdk:dynamodb:updateItem": ("dynamodb", "UpdateItem"),
    "aws-sdk:dynamodb:deleteItem": ("dynamodb", "DeleteItem"),
    "aws-sdk:dynamodb:query": ("dynamodb", "Query"),
    "aws-sdk:dynamodb:scan": ("dynamodb", "Scan"),
    "aws-sdk:sqs:sendMessage": ("sqs", "SendMessage"),
    "aws-sdk:sqs:receiveMessage": ("sqs", "ReceiveMessage"),
    "aws-sdk:sns:publish": ("sns", "Publish"),
    "aws-sdk:sfn:startExecution": ("stepfunctions", "StartExecution"),
    "aws-sdk:sfn:describeExecution": ("stepfunctions", "DescribeExecution"),
    "aws-sdk:eventbridge:putEvents": ("events", "PutEvents"),
    "aws-sdk:secretsmanager:getSecretValue": ("secretsmanager", "GetSecretValue"),
    "aws-sdk:ssm:getParameter": ("ssm", "GetParameter"),
    "aws-sdk:sts:getCallerIdentity": ("sts", "GetCallerIdentity"),
}

# Members whose value Step Functions returns as JSON rather than as the model's type.
ANY_JSON = {
    ("lambda:invoke", "Payload"),
}

SCALARS = {"string", "blob", "timestamp", "integer", "long", "float", "double", "boolean"}


def load(service):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(os.listdir(base))[-1]
    with gzip.open(os.path.join(base, version, "service-2.json.gz")) as f:
        return json.load(f)


def capital(name):
    return name[:1].upper() + name[1:]


def main():
    models = {}
    shapes = {}
    integrations = {}

    def add(service, model, name):
        ref = service + "." + name
        if ref in shapes:
            return ref
        s = model["shapes"][name]
        t = s["type"]
        out = {"t": t}
        shapes[ref] = out  # before recursing: shapes may refer to themselves
        if t == "structure":
            out["m"] = {capital(m): add(service, model, v["shape"]) for m, v in s["members"].items()}
            if s.get("required"):
                out["r"] = [capital(m) for m in s["required"]]
        elif t == "list":
            out["e"] = add(service, model, s["member"]["shape"])
        elif t == "map":
            out["v"] = add(service, model, s["value"]["shape"])
        elif t in SCALARS or t == "document":
            pass
        else:
            raise SystemExit("Unknown shape type " + t + " of " + ref)
        if "enum" in s:
            out["enum"] = s["enum"]
        for bound in ("min", "max"):
            if bound in s and t in ("string", "blob", "integer", "long", "float", "double"):
                out[bound] = s[bound]
        return ref

    for resource, (service, operation) in INTEGRATIONS.items():
        model = models.setdefault(service, load(service))
        output = model["operations"][operation].get("output")
        if output is None:
            integrations[resource] = {"shape": None}
            continue
        ref = add(service, model, output["shape"])
        entry = {"shape": ref}
        anys = sorted(m for r, m in ANY_JSON if r == resource)
        if anys:
            entry["any"] = anys
        integrations[resource] = entry

    json.dump({
        "source": "AWS API models as shipped by botocore " + botocore.__version__ + " (Apache License 2.0), "
                  "output shapes only; written by scripts/mock-shapes.py",
        "integrations": integrations,
        "shapes": shapes,
    }, sys.stdout, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
