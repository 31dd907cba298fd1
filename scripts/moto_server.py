"""moto in server mode, as `moto_server` starts it (same arguments), minus three costs that buy the
tests nothing, and telling its starter the port it listens on.

testkit's MotoServer (tests, the local app, the benchmarks) starts moto through this file with the
virtualenv's Python; every request still goes over HTTP to moto's own server, backends and wire
protocols, unchanged.

`-p 0` lets the system pick a free port when the socket is bound; the first line on stdout is then
`moto listening on port <n>`. Several test JVMs start their moto at the same time (Maven builds two
modules at once), and a port picked free beforehand could be taken by the time moto binds it.

1. moto makes an RSA-2048 private key for every KMS key it creates, symmetric and HMAC keys too, and
   those never use it. Each test creates its own keys, so key generation was a third of moto's CPU.
   Here the key pair is made on first use (Sign, Verify, GetPublicKey), exactly as moto would make it.
2. werkzeug logs one line per request into a log no one reads unless moto fails to start; errors
   are still logged.
3. moto lists its own package directory (a listdir and a stat per service) on every request to find
   the backend for a host name; the list never changes while it runs, so it is read once.
4. moto's DynamoDB backend is not thread-safe (TransactWriteItems deep-copies a table while another
   request thread writes to it: "dictionary changed size during iteration", an HTTP 500). That happens
   when an SDK attempt times out on a busy machine and its retry arrives while the first attempt is
   still running. DynamoDB requests are served one at a time here (Python runs one thread at a time
   anyway); other services keep werkzeug's threads, since SQS long polls must not hold everyone up.
5. moto's response serializer works out, for every member of every value it writes (ten members per
   DynamoDB attribute value), which attribute names to try on the Python object, asking six alias
   providers each time: over half of moto's CPU on a test's full-table scan. The answer depends only
   on the picker, the object's class, the member name and the botocore shapes (loaded once per
   service and kept), so it is worked out once per combination.
6. moto's TransactWriteItems deep-copies every table it touches before writing, to roll back if a
   condition fails, so each transaction costs as much as the tables are large: a 20,000-row import
   of residents slowed to under one request a second. Here a transaction first checks every
   condition against the items as they stand (DynamoDB's semantics: each item is named once, so no
   operation's condition sees another's write), refuses the whole transaction with the same
   cancellation reasons if any fails, and only then writes; if a write itself is refused (a
   validation error), the items it already wrote are put back as they were.
7. moto's response serializer walks every DynamoDB attribute value through the generic structure
   code: ten members each looked up through the attribute picker, every string re-checked, a path
   kept. DynamoDB's results reach it as plain JSON already ({"S": "x"}, {"M": {...}}), so an
   AttributeValue is written here directly, member by member as the generic code writes it
   (strings as str, B and BS base64, M and L recursively, BOOL and NULL as they are): a third of
   moto's CPU in a module whose tests read whole categories and tables.
8. moto's Scan deep-copies every item it returns and works out each item's size twice. The copy
   protects nothing here: the response turns the items into new plain values at once, inside the
   one-at-a-time DynamoDB lock. Scans of a table (not an index) return the stored items, and each
   item's size is worked out once; the paging (1 MB, Limit, ExclusiveStartKey, segments), filters
   and projections are moto's own.
9. moto builds an item's attributes one at a time into a dict that, at every insert, works out the
   size of everything already in it (to refuse items over DynamoDB's 400 KB): quadratic in the
   number of attributes, a sixth of moto's CPU when tests seed their tables. Here the attributes are
   built and the same total (names and values) is checked once, with the same limit and error.
10. moto's Scan sorts a table's items on every call (the order its paging resumes from), comparing
   key attributes through DynamoType's operators, each of which converts both values again (a
   number to a Decimal): an eighth of moto's CPU in the registry's tests, whose "nothing written"
   checks count a growing table before and after each call. Here each item's sort key is converted
   once per sort; the order is the same (a table's key attributes have one type each).
11. ... and sizes every item it visits again (the 1 MB page), walking each attribute value in
   Python: another seventh. Here an item's size is kept on the item once worked out; the one request
   that changes an item in place, UpdateItem (TransactWriteItems' updates included), forgets it.
12. Not a cost of moto's but of the tests': nearly every test seeds the same demo community into
   its fresh tables (about 40 requests: the directory's batch writes, each resident's transaction),
   a third of a test JVM's CPU and as much again of moto's. `/_linli/seeds/` keeps a table's items
   once seeded and puts a copy into another test's empty table of the same key schema, in one
   request (testkit's `LocalAws.seedOnce`). Items are plain values (moto derives indexes from them),
   so the copy is what the writes would have left; a table with a stream is always seeded by its
   writes, since they would also have left stream records.
13. moto ignores TransactWriteItems' ClientRequestToken, which the SDK fills in once per call and
   sends again with each retry. DynamoDB answers a retry whose first attempt succeeded with success
   and changes nothing (for ten minutes); moto ran it again, so a retry after an attempt timed out on
   a busy machine (200 sign-ups queued behind one another) was refused by the first attempt's own
   write. Here a token whose transaction succeeded answers the same again, for the same items.
14. moto's SNS makes an RSA-2048 key pair for every subscription, on its first delivery, to sign
   the notifications it sends (SNS's `Signature`, `SigningCertURL`). Tests subscribe queues of
   their own to each test's topic, so a key pair per test: a tenth of the notices module's moto CPU.
   Here every subscription signs with one key pair, made on first use; each notification is still
   signed, and its certificate (moto makes one per notification) still holds the key that verifies it.
15. Not a cost of moto's but of the tests': every test gets a fresh set of tables, queues, buckets, topics and
   secrets under a new prefix, 20 to 60 creating calls each (a third of the ~29,500 calls a run made).
   `/_linli/sets/` records the requests that made the first set of a shape (testkit's
   `LocalAws.provisionOrClone`: same template, resources and prefix length) and, for every later set,
   sends them again under the new prefix, in order, through moto's own app inside this process: the
   same parsing, backends and validation as over HTTP, so a clone is what those requests make (a
   queue's attributes, a bucket's CORS and its notification to the new set's queue, TTL, streams),
   and whatever the Provisioner learns to create is cloned with no change here. Chosen over copying
   backend objects, which would need a copier per resource type, kept in step with moto's models. The
   answer holds what a name does not tell: each table's stream ARN (it holds when it was made) and
   each secret's ARN (a random suffix). A generated secret's value is the first set's. The residents
   module with its upstream modules (`-Pone-test-jvm`): 5,940 requests to moto -> 4,081 (2,012
   replayed inside), 79-87 s of CPU -> 72-73 s; a set of 12 calls from boto3 costs moto 34 ms of CPU, its
   clone 18.5 ms (the creating itself stays). `LINLI_MOTO_REQUESTS=<file>` logs one line per request.
"""
import copy
import functools
import logging
import sys
import threading

import os

import moto.backends
import moto.core.serialize
import moto.kms.models
import moto.sns.models
import werkzeug.serving
from moto.server import main

_generate_private_key = moto.kms.models.generate_private_key


class _KeyPairOnFirstUse:
    """Stands in for moto's private key object and makes it when KMS first needs it."""

    def __init__(self, key_spec):
        self._key_spec = key_spec
        self._key = None
        self._lock = threading.Lock()

    def __getattr__(self, name):
        with self._lock:
            if self._key is None:
                self._key = _generate_private_key(self._key_spec)
        return getattr(self._key, name)


moto.kms.models.generate_private_key = _KeyPairOnFirstUse


@functools.cache
def _one_signing_key(subscription=None):
    return moto.sns.models.rsa.generate_private_key(public_exponent=65537, key_size=2048)


moto.sns.models.Subscription.private_key = lambda self: _one_signing_key()
_list_of_moto_modules = moto.backends.list_of_moto_modules
moto.backends.list_of_moto_modules = functools.cache(lambda: tuple(_list_of_moto_modules()))
logging.getLogger("werkzeug").setLevel(logging.WARNING)

_make_server = werkzeug.serving.make_server


_dynamodb = threading.Lock()
# LINLI_MOTO_REQUESTS=<file>: one line per request ("<service> <operation>", "replayed:" before those a clone sent
# itself, see 15), appended, to count them by.
_REQUESTS_LOG = open(os.environ["LINLI_MOTO_REQUESTS"], "a", buffering=1) if os.environ.get("LINLI_MOTO_REQUESTS") else None


def _log_request(environ):
    import re
    scope = re.search(r"Credential=[^/]*/[^/]*/[^/]*/([^/]*)/", environ.get("HTTP_AUTHORIZATION", ""))
    service = scope.group(1) if scope else environ.get("PATH_INFO", "")[:14]
    operation = environ.get("HTTP_X_AMZ_TARGET") or environ.get("REQUEST_METHOD", "") + " " + environ.get("QUERY_STRING", "")[:30]
    _REQUESTS_LOG.write("%s%s %s\n" % ("replayed:" if environ.get("linli.replayed") else "", service, operation))


def _dynamodb_one_at_a_time(app):
    def serve(environ, start_response):
        if _REQUESTS_LOG is not None:
            _log_request(environ)
        if environ.get("PATH_INFO", "").startswith(_SEEDS_PATH):
            with _dynamodb:
                return _seeds(environ, start_response)
        if environ.get("PATH_INFO", "").startswith(_SETS_PATH):
            return _sets(serve, environ, start_response)
        if _RECORDING:
            return _recorded(serve_one, environ, start_response)
        return serve_one(environ, start_response)

    def serve_one(environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return app(environ, start_response)
        with _dynamodb:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    return serve


def _make_server_and_tell_the_port(host, port, app, *args, **kwargs):
    server = _make_server(host, port, _dynamodb_one_at_a_time(app), *args, **kwargs)
    os.environ["MOTO_PORT"] = str(server.port)  # moto builds URLs (SQS queue URLs) from it
    print(f"moto listening on port {server.port}", flush=True)
    return server


werkzeug.serving.make_server = _make_server_and_tell_the_port

_json_structure = moto.core.serialize.BaseJSONSerializer._serialize_type_structure


class _NotPlain(Exception):
    """A value the direct path does not write (not plain JSON, or an empty map key): the generic code writes it."""


def _attribute_value(self, value):
    """The wire form of one DynamoDB AttributeValue (a plain dict), exactly as the generic serializer writes it."""
    if type(value) is not dict:
        raise _NotPlain
    out = {}
    for member in _ATTRIBUTE_VALUE_MEMBERS:
        member_value = value.get(member)
        if member_value is None:
            continue
        if member in ("S", "N"):
            out[member] = _string(member_value)
        elif member == "B":
            out[member] = self._base64(member_value)
        elif member in ("SS", "NS"):
            out[member] = [_string(v) for v in member_value]
        elif member == "BS":
            out[member] = [self._base64(v) for v in member_value]
        elif member == "M":
            out[member] = {k: _attribute_value(self, v) for k, v in member_value.items() if _map_key(k, v)}
        elif member == "L":
            out[member] = [None if v is None else _attribute_value(self, v) for v in member_value]
        else:  # BOOL, NULL
            out[member] = member_value
    return out


def _map_key(key, value):
    if not key:
        raise _NotPlain
    return value is not None


def _string(value):
    return str(value) if value not in [None, {}, []] else value


# AttributeValue's members in the order of botocore's shape, which the generic code follows.
_ATTRIBUTE_VALUE_MEMBERS = ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")


def _json_structure_fast(self, serialized, value, shape, key):
    if type(value) is dict and key and shape.name == "AttributeValue" and self.service_model.service_name == "dynamodb":
        try:
            serialized[self.get_serialized_name(shape, key)] = _attribute_value(self, value)
            return
        except _NotPlain:
            pass
    _json_structure(self, serialized, value, shape, key)


moto.core.serialize.BaseJSONSerializer._serialize_type_structure = _json_structure_fast

_picker = moto.core.serialize.XFormedAttributePicker
_possible_keys = _picker.get_possible_keys
_keys_by_case = {}


def _possible_keys_once(self, context):
    obj, shape = context.obj, context.shape
    if "Meta" in getattr(obj, "__dict__", ()):  # aliases on the object itself, not its class: ask every time
        return _possible_keys(self, context)
    case = (type(self), tuple(self.alias_providers), type(obj), context.key, shape, getattr(shape, "parent", None))
    keys = _keys_by_case.get(case)
    if keys is None:
        keys = _keys_by_case[case] = tuple(_possible_keys(self, context))
    return keys


_picker.get_possible_keys = _possible_keys_once

import moto.dynamodb.models as _dynamodb_models
from moto.dynamodb.models.table import RESULT_SIZE_LIMIT as _RESULT_SIZE_LIMIT
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (ConditionalCheckFailed, MockValidationException, MultipleTransactionsException,
                                      TooManyTransactionsException, TransactionCanceledException,
                                      TransactWriteSingleOpException)


def _transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    named, planned, reasons = set(), [], []
    for item in transact_items:
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        if op_type == "Put":
            table = self.get_table(table_name)
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        identity = (str(table_name), str(dict(sorted(key.items()))))
        if identity in named:
            raise MultipleTransactionsException()
        named.add(identity)
        current = self.get_item(table_name, key)
        condition = op.get("ConditionExpression")
        if condition is not None and not get_filter_expression(
                condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")).expr(current):
            old = current.to_json()["Attributes"] if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current else None
            reasons.append(("ConditionalCheckFailed", str(ConditionalCheckFailed(item=old).message), old))
        else:
            reasons.append((None, None, None))
        planned.append((op_type, op, table_name, key, current.to_json()["Attributes"] if current else None))
    if any(code is not None for code, _, _ in reasons):
        raise TransactionCanceledException(reasons)
    written = []
    try:
        for op_type, op, table_name, key, before in planned:
            names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
            if op_type == "Put":
                written.append((table_name, key, before))
                self.put_item(table_name, op["Item"], expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                written.append((table_name, key, before))
                self.delete_item(table_name, key, expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                written.append((table_name, key, before))
                self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                                 expression_attribute_names=names, expression_attribute_values=values)
    except Exception as error:
        for table_name, key, before in reversed(written):
            if before is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, before)
        if isinstance(error, (MultipleTransactionsException, MockValidationException)):
            raise
        failed = len(written) - 1
        raise TransactionCanceledException([(type(error).__name__, str(error), None) if i == failed else (None, None, None)
                                            for i in range(len(planned))]) from error


_dynamodb_models.DynamoDBBackend.transact_write_items = _transact_write_items

import moto.dynamodb.responses as _dynamodb_responses

_transact_write_items_action = _dynamodb_responses.DynamoHandler.transact_write_items
_TOKENS = {}  # ClientRequestToken -> (the items as sent, the result, when), see 13 above
_TOKEN_SECONDS = 600


def _transact_write_items_idempotent(self):
    token = self.body.get("ClientRequestToken")
    if token is None:
        return _transact_write_items_action(self)
    import json
    import time
    sent, now = json.dumps(self.body.get("TransactItems"), sort_keys=True), time.monotonic()
    kept = _TOKENS.get(token)
    if kept is not None and kept[0] == sent and now - kept[2] < _TOKEN_SECONDS:
        return kept[1]
    result = _transact_write_items_action(self)
    if len(_TOKENS) > 10000:
        for old in [t for t, k in _TOKENS.items() if now - k[2] >= _TOKEN_SECONDS]:
            del _TOKENS[old]
    _TOKENS[token] = (sent, result, now)
    return result


_dynamodb_responses.DynamoHandler.transact_write_items = _transact_write_items_idempotent


_table_scan = _dynamodb_models.Table.scan


def _scan(self, filters, limit, exclusive_start_key, filter_expression=None, index_name=None, consistent_read=False,
          projection_expression=None, segments=(None, None)):
    """moto 5.2.5's Table.scan of a table, returning the stored items (see 8 above) and sizing each item once."""
    if index_name:
        return _table_scan(self, filters, limit, exclusive_start_key, filter_expression, index_name, consistent_read,
                           projection_expression, segments)
    results, result_size, scanned_count, last_evaluated_key = [], 0, 0, None
    hash_attrs, range_attrs = [self.hash_key_attr], [self.range_key_attr]
    processing_previous_page = exclusive_start_key is not None
    for item in self.all_items():
        if not item.is_within_segment(segments):
            continue
        if processing_previous_page:
            if self._item_comes_before_dct(item, exclusive_start_key, hash_attrs, range_attrs, True):
                continue
            processing_previous_page = False
        size = _item_size(item)
        if len(results) == limit or result_size + size > _RESULT_SIZE_LIMIT:
            last_evaluated_key = self._get_last_evaluated_key(results[-1], index_name)
            break
        passes_all_conditions = True
        for attribute_name in filters:
            attribute = item.attrs.get(attribute_name)
            comparison_operator, comparison_objs = filters[attribute_name]
            if attribute:
                if not attribute.compare(comparison_operator, comparison_objs):
                    passes_all_conditions = False
                    break
            elif comparison_operator == "NULL":
                continue
            else:
                passes_all_conditions = False
                break
        if passes_all_conditions:
            results.append(item)
            result_size += size
        scanned_count += 1
    if filter_expression is not None:
        results = [item for item in results if filter_expression.expr(item)]
    if projection_expression:
        results = [r.project(projection_expression) for r in results]
    return results, scanned_count, last_evaluated_key


_dynamodb_models.Table.scan = _scan


def _all_items(self):
    """moto 5.2.5's Table.all_items: every item, ordered by hash key, then range key (see 10 above)."""
    items = []
    for hash_set in self.items.values():
        if self.range_key_attr:
            items.extend(hash_set.values())
        else:
            items.append(hash_set)
    return sorted(items, key=lambda x: (x.hash_key.cast_value, x.range_key.cast_value) if x.range_key
                  else x.hash_key.cast_value)


_dynamodb_models.Table.all_items = _all_items


def _item_size(item):
    """Item.size(), kept on the item (see 11 above)."""
    size = item.__dict__.get("_linli_size")
    if size is None:
        size = item.__dict__["_linli_size"] = item.size()
    return size


_update_item = _dynamodb_models.DynamoDBBackend.update_item


def _update_item_forgetting_its_size(self, table_name, key, *args, **kwargs):
    try:
        return _update_item(self, table_name, key, *args, **kwargs)
    finally:
        table = self.tables.get(table_name)
        if table is not None:
            try:
                hash_value, range_value = self.get_keys_value(table, key)
                stored = table.get_item(hash_value, range_value)
            except Exception:  # the update itself failed on its key: nothing was changed
                stored = None
            if stored is not None:
                stored.__dict__.pop("_linli_size", None)


_dynamodb_models.DynamoDBBackend.update_item = _update_item_forgetting_its_size


_SEEDS_PATH = "/_linli/seeds/"
_SEEDS = {}


def _seeds(environ, start_response):
    """Tables' seeded items kept once and put into another test's empty tables (see 12 above).

    POST /_linli/seeds/<name>/save    {"region": r, "tables": [t, ...]}: keeps a copy of the tables' items as <name>
    POST /_linli/seeds/<name>/restore {"region": r, "tables": [t, ...]}: {"restored": true} when <name> is kept
         for as many tables of the same key schemas, and each table is empty and has no stream; the tables
         then hold a copy of the items. Else {"restored": false} and why ("stream", "not_empty", "unknown",
         "schema"), and nothing is changed.
    """
    import json
    from moto.core import DEFAULT_ACCOUNT_ID

    try:
        name, action = environ["PATH_INFO"][len(_SEEDS_PATH):].rsplit("/", 1)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        backend = _dynamodb_models.dynamodb_backends[DEFAULT_ACCOUNT_ID][body["region"]]
        tables = [backend.get_table(t) for t in body["tables"]]
        kept = _SEEDS.get(name)
        if action == "save":
            _SEEDS[name] = [(t.schema, copy.deepcopy(t.items)) for t in tables]
            answer = {"saved": True}
        elif action != "restore":
            raise ValueError("unknown action " + action)
        elif any(t.stream_shard is not None for t in tables):
            answer = {"restored": False, "reason": "stream"}
        elif any(t.items for t in tables):
            answer = {"restored": False, "reason": "not_empty"}
        elif kept is None:
            answer = {"restored": False, "reason": "unknown"}
        elif [schema for schema, _ in kept] != [t.schema for t in tables]:
            answer = {"restored": False, "reason": "schema"}
        else:
            for table, (_, items) in zip(tables, kept):
                table.items = copy.deepcopy(items)
            answer = {"restored": True}
        status = "200 OK"
    except Exception as error:  # a test's mistake: answered, never a dead moto
        status, answer = "400 Bad Request", {"message": "%s: %s" % (type(error).__name__, error)}
    payload = json.dumps(answer).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


_SETS_PATH = "/_linli/sets/"
_RECORDING = {}  # prefix -> the requests naming it that succeeded, while its set is provisioned
_SETS = {}  # shape -> (the first set's prefix, its requests)
_SETS_LOCK = threading.Lock()


def _naming(prefix):
    """The prefix where a name starts: after a non-alphanumeric character or a percent-encoded one (%3A)."""
    import re
    return re.compile(r"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))" + re.escape(prefix))


def _recorded(serve_one, environ, start_response):
    """Serves a request and, when it names a prefix being recorded and succeeds, keeps it (see 15 above)."""
    import io
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    if length:  # a body without a length (chunked) is left to moto as it came, unread: provisioning sends none
        environ["wsgi.input"] = io.BytesIO(body)
    text = "\n".join((environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
                      body.decode("utf-8", "replace")))
    with _SETS_LOCK:
        prefixes = [p for p in _RECORDING if _naming(p).search(text)]
    if not prefixes:
        return serve_one(environ, start_response)
    status = []

    def start(code, headers, *args):
        status.append(code)
        return start_response(code, headers, *args)

    response = serve_one(environ, start)
    try:
        payload = b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()
    if status and status[0].startswith("2"):
        kept = {k: v for k, v in environ.items() if isinstance(v, str)}
        with _SETS_LOCK:
            for prefix in prefixes:
                if prefix in _RECORDING:
                    _RECORDING[prefix].append((kept, body))
    return [payload]


def _sets(serve, environ, start_response):
    """A test's resource set made again under a new prefix by one request (see 15 above).

    POST /_linli/sets/<shape>/record {"prefix": p}: keeps every later request that names p and succeeds
    POST /_linli/sets/<shape>/keep   {"prefix": p}: stops recording p and keeps its requests as <shape>'s
    POST /_linli/sets/<shape>/drop   {"prefix": p}: stops recording p and keeps nothing (its provisioning failed)
    POST /_linli/sets/<shape>/clone  {"prefix": q, "region": r, "tables": [t, ...], "secrets": [s, ...]}:
         sends <shape>'s requests again with p replaced by q (and p lower-cased by q lower-cased, as bucket
         names are), each through moto's own app, and answers what a name does not tell:
         {"tables": {t: {"Arn": a, "StreamArn": s or null}}, "secrets": {s: arn}}. 404 when <shape> is not kept;
         409 and the request's answer when a request is refused (what it made before stays).
    """
    import io
    import json
    from moto.core import DEFAULT_ACCOUNT_ID

    try:
        shape, action = environ["PATH_INFO"][len(_SETS_PATH):].rsplit("/", 1)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        prefix = body["prefix"]
        status, answer = "200 OK", {}
        if action == "record":
            with _SETS_LOCK:
                _RECORDING[prefix] = []
        elif action == "keep":
            with _SETS_LOCK:
                _SETS[shape] = (prefix, _RECORDING.pop(prefix))
            answer = {"kept": len(_SETS[shape][1])}
        elif action == "drop":
            with _SETS_LOCK:
                _RECORDING.pop(prefix, None)
        elif action != "clone":
            raise ValueError("unknown action " + action)
        elif shape not in _SETS:
            status, answer = "404 Not Found", {"message": "no set of shape " + shape}
        else:
            first, requests = _SETS[shape]
            swaps = [(_naming(first), prefix)]
            if first.lower() != first:
                swaps.append((_naming(first.lower()), prefix.lower()))

            def swap(text):
                for pattern, replacement in swaps:
                    text = pattern.sub(lambda m: replacement, text)
                return text

            for kept, sent in requests:
                request = {k: swap(v) if k in ("PATH_INFO", "QUERY_STRING", "REQUEST_URI", "RAW_URI") else v
                           for k, v in kept.items()}
                payload = swap(sent.decode("utf-8")).encode("utf-8") if sent else b""
                request.update({"wsgi.input": io.BytesIO(payload), "CONTENT_LENGTH": str(len(payload)),
                                "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": True,
                                "wsgi.multiprocess": False, "wsgi.run_once": False, "linli.replayed": True})
                if payload != sent:  # the sender's checksums were of the first set's body
                    for header in [k for k in request if k == "HTTP_CONTENT_MD5" or k.startswith("HTTP_X_AMZ_CHECKSUM_")]:
                        del request[header]
                replied = []
                response = serve(request, lambda code, headers, *args: replied.append(code))
                try:
                    text = b"".join(response).decode("utf-8", "replace")
                finally:
                    if hasattr(response, "close"):
                        response.close()
                if not replied[0].startswith("2"):
                    status, answer = "409 Conflict", {"message": "%s %s: %s %s" % (
                        request.get("REQUEST_METHOD"), request.get("PATH_INFO"), replied[0], text[:500])}
                    break
            else:
                answer = _set_answer(DEFAULT_ACCOUNT_ID, body)
    except Exception as error:  # a test's mistake: answered, never a dead moto
        status, answer = "400 Bad Request", {"message": "%s: %s" % (type(error).__name__, error)}
    payload = json.dumps(answer).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


def _set_answer(account, body):
    import moto.secretsmanager.models
    with _dynamodb:
        dynamodb = _dynamodb_models.dynamodb_backends[account][body["region"]]
        tables = {}
        for name in body.get("tables", []):
            table = dynamodb.get_table(name)
            label = table.latest_stream_label
            tables[name] = {"Arn": table.table_arn, "StreamArn": label and "%s/stream/%s" % (table.table_arn, label)}
    secrets = moto.secretsmanager.models.secretsmanager_backends[account][body["region"]]
    return {"tables": tables, "secrets": {name: secrets.secrets[name].arn for name in body.get("secrets", [])}}


_dynamo_type_module = sys.modules["moto.dynamodb.models.dynamo_type"]


def _item_init(self, hash_key, range_key, attrs):
    self.hash_key = hash_key
    self.range_key = range_key
    built = {key: _dynamo_type_module.DynamoType(value) for key, value in attrs.items()}
    # moto's LimitedSizeDict.__setitem__ refuses the insert that takes the sum over names and values past this.
    if sum(_dynamo_type_module.bytesize(str(key)) + value.size() for key, value in built.items()) > 405000:
        raise _dynamo_type_module.ItemSizeTooLarge
    self.attrs = _dynamo_type_module.LimitedSizeDict(built)  # its update() stores without checking again


_dynamo_type_module.Item.__init__ = _item_init

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
