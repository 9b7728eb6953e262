"""An activity worker of a few lines, as users write them with boto3: take tasks, answer them.

    python3 activity_worker.py ENDPOINT ACTIVITY_ARN TASKS

Answers TASKS tasks, then exits 0. A task whose input has "fail": true is answered with SendTaskFailure.
"""
import json
import sys

import boto3
from botocore.config import Config

endpoint, activity_arn, tasks = sys.argv[1], sys.argv[2], int(sys.argv[3])
sfn = boto3.client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test",
                   config=Config(inject_host_prefix=False, read_timeout=70, retries={"max_attempts": 1}))
done = 0
while done < tasks:
    task = sfn.get_activity_task(activityArn=activity_arn, workerName="boto3-worker")
    if "taskToken" not in task:
        continue  # the long poll ended without a task: poll again
    work = json.loads(task["input"])
    if work.get("fail"):
        sfn.send_task_failure(taskToken=task["taskToken"], error="Worker.Refused", cause="asked to fail")
    else:
        sfn.send_task_heartbeat(taskToken=task["taskToken"])
        sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"doubled": work["n"] * 2}))
    done += 1
print("answered", done)
