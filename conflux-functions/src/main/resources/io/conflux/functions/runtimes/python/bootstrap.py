# Conflux's Python runtime: speaks the AWS Lambda Runtime API on AWS_LAMBDA_RUNTIME_API and calls the handler named by
# _HANDLER ("module.function") as Lambda's Python runtime does: handler(event, context). Return values are serialised
# with json.dumps (bytes are sent as they are); unhandled errors are reported in Lambda's shape (errorMessage,
# errorType, requestId, stackTrace), with the function's files shown under /var/task as on Lambda.
import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time

NEXT = "/2018-06-01/runtime/invocation/next"
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
_host, _port = os.environ["AWS_LAMBDA_RUNTIME_API"].rsplit(":", 1)
_conn = http.client.HTTPConnection(_host, int(_port))
_request_id = ""


class Fault(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


def _call(method, path, body=None, headers=None):
    global _conn
    for attempt in (0, 1):
        try:
            _conn.request(method, path, body=body, headers=headers or {})
            resp = _conn.getresponse()
            return resp, resp.read()
        except (http.client.HTTPException, OSError):
            _conn.close()
            _conn = http.client.HTTPConnection(_host, int(_port))
            if attempt:
                raise


def _frames(tb):
    """The handler's frames (the runtime's own are left out), its files shown under /var/task."""
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename != __file__:
            import linecache
            line = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            name = code.co_filename
            if name.startswith(TASK_ROOT + os.sep):
                name = "/var/task/" + name[len(TASK_ROOT) + 1:]
            out.append('  File "%s", line %d, in %s\n    %s\n' % (name, tb.tb_lineno, code.co_name, line))
        tb = tb.tb_next
    return out


def _error(exc, error_type=None, message=None):
    return {
        "errorMessage": message if message is not None else str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": _request_id,
        "stackTrace": _frames(exc.__traceback__),
    }


def _log_error(err):
    text = "[ERROR] %s: %s" % (err["errorType"], err["errorMessage"])
    if err["stackTrace"]:
        text += "\nTraceback (most recent call last):\n" + "".join(err["stackTrace"]).rstrip("\n")
    print(text, flush=True)


def _decimal(o):
    if isinstance(o, decimal.Decimal):
        return float(o)
    raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)


def _load(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError:
        raise Fault("Runtime.MalformedHandlerName",
                    "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise Fault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        err = _error(e)
        raise Fault(err["errorType"], err["errorMessage"], err["stackTrace"])
    fn = getattr(module, function_name, None)
    if fn is None:
        raise Fault("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return fn


class _Obj:
    def __init__(self, d):
        for k, v in (d or {}).items():
            setattr(self, k, v)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = _Obj({"cognito_identity_id": None, "cognito_identity_pool_id": None})
        self.client_context = None
        if client_context:
            try:
                cc = json.loads(client_context)
                self.client_context = _Obj({"client": _Obj(cc.get("client")), "custom": cc.get("custom"),
                                            "env": cc.get("env")})
            except ValueError:
                pass
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def log(self, msg):
        sys.stdout.write(str(msg))
        sys.stdout.flush()


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id
        return True


def _setup_logging():
    h = logging.StreamHandler(sys.stdout)
    h.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                                     "%Y-%m-%dT%H:%M:%S"))
    logging.Formatter.converter = time.gmtime
    h.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(h)
    root.setLevel(logging.WARNING)


def main():
    global _request_id
    sys.path.insert(0, TASK_ROOT)
    _setup_logging()
    try:
        handler = _load(os.environ.get("_HANDLER", ""))
    except Fault as f:
        err = {"errorMessage": f.message, "errorType": f.error_type, "requestId": "", "stackTrace": f.trace}
        _log_error(err)
        _call("POST", "/2018-06-01/runtime/init/error", json.dumps(err).encode(),
              {"Lambda-Runtime-Function-Error-Type": f.error_type, "Content-Type": "application/json"})
        sys.exit(1)
    while True:
        resp, body = _call("GET", NEXT)
        if resp.status != 200:
            sys.exit(0)
        _request_id = resp.getheader("Lambda-Runtime-Aws-Request-Id", "")
        trace = resp.getheader("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        ctx = LambdaContext(_request_id, int(resp.getheader("Lambda-Runtime-Deadline-Ms", "0")),
                            resp.getheader("Lambda-Runtime-Invoked-Function-Arn"),
                            resp.getheader("Lambda-Runtime-Client-Context"))
        path = "/2018-06-01/runtime/invocation/" + _request_id
        try:
            event = json.loads(body) if body else {}
            result = handler(event, ctx)
            if isinstance(result, (bytes, bytearray)):
                out = bytes(result)
            else:
                try:
                    out = json.dumps(result, default=_decimal).encode()
                except (TypeError, ValueError) as e:
                    raise Fault("Runtime.MarshalError", "Unable to marshal response: %s" % e)
        except Fault as f:
            err = {"errorMessage": f.message, "errorType": f.error_type, "requestId": _request_id,
                   "stackTrace": f.trace}
            _log_error(err)
            _call("POST", path + "/error", json.dumps(err).encode(),
                  {"Lambda-Runtime-Function-Error-Type": f.error_type, "Content-Type": "application/json"})
            continue
        except Exception as e:
            err = _error(e)
            _log_error(err)
            _call("POST", path + "/error", json.dumps(err).encode(),
                  {"Lambda-Runtime-Function-Error-Type": "Unhandled", "Content-Type": "application/json"})
            continue
        _call("POST", path + "/response", out, {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
