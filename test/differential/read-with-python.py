#!/usr/bin/env python3
"""Reads messages with Python's own `email` package, as an independent reader for the
differential test (src/main/core/mime/python-differential.test.ts).

Usage: read-with-python.py FILE... ; prints one JSON object {file name: fields}.
Python 3 from the distribution, `policy=default` (the RFC 5322 / RFC 6532 policy), and nothing
added: where Python reads a message differently, the test's allow-list says why.

Fields, in the shape the test builds from parseMessage:
  subject, messageId: the header as Python gives it, or null
  from, to, cc: [{name, address}] (groups flattened; a mailbox without a domain is kept)
  date: epoch ms; a date without a usable zone counts as UTC ("-0000", RFC 5322 4.3)
  text: the first text/plain part that is not an attachment, decoded, or null
  hasHtml: whether a text/html part that is not an attachment exists
  attachments: [{filename, contentType, size}] for every other leaf part, in order; an attached
    message (message/rfc822) is one leaf, its size null (Python re-serialises it)
"""
import json
import sys
from email import message_from_bytes, policy


def header(msg, name):
    try:
        value = msg[name]
    except Exception as err:  # a header Python cannot parse at all
        return {"error": str(err)}
    return None if value is None else value


def unescape(text):
    """Python keeps the bytes of a raw 8-bit header it cannot decode as ASCII as lone surrogates
    (surrogateescape). RFC 6532 makes those bytes UTF-8: read them so, U+FFFD where they are not."""
    if text is None:
        return None
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def text_of(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return value
    return unescape(str(value))


def addresses(msg, name):
    value = header(msg, name)
    if value is None:
        return []
    if isinstance(value, dict):
        return value
    out = []
    for a in getattr(value, "addresses", ()):
        if not a.addr_spec or a.addr_spec == "<>":
            continue
        entry = {"address": unescape(a.addr_spec)}
        if a.display_name:
            entry["name"] = unescape(a.display_name)
        out.append(entry)
    return out


def date_ms(msg):
    value = header(msg, "date")
    if value is None or isinstance(value, dict):
        return None
    dt = getattr(value, "datetime", None)
    if dt is None:
        return None
    if dt.tzinfo is None:
        from datetime import timezone

        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp() * 1000)


def leaves(part):
    """Leaf parts in order; an attached message is a leaf, as the project lists it."""
    if part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), list):
        for child in part.get_payload():
            yield from leaves(child)
    else:
        yield part


def is_body(part):
    return part.get_content_type() in ("text/plain", "text/html") and part.get_content_disposition() in (
        None,
        "inline",
    )


def read(path):
    with open(path, "rb") as f:
        msg = message_from_bytes(f.read(), policy=policy.default)
    text = None
    text_error = None
    has_html = False
    attachments = []
    for part in leaves(msg):
        ctype = part.get_content_type()
        if is_body(part):
            if ctype == "text/html":
                has_html = True
            elif text is None and text_error is None:
                try:
                    text = part.get_content()
                except Exception as err:  # an unknown charset, for one
                    text_error = type(err).__name__
            continue
        if ctype == "message/rfc822":
            size = None
        else:
            payload = part.get_payload(decode=True)
            size = len(payload) if payload is not None else None
        attachments.append({"filename": unescape(part.get_filename()), "contentType": ctype, "size": size})
    return {
        "subject": text_of(header(msg, "subject")),
        "from": addresses(msg, "from"),
        "to": addresses(msg, "to"),
        "cc": addresses(msg, "cc"),
        "date": date_ms(msg),
        "messageId": text_of(header(msg, "message-id")),
        "text": text,
        "textError": text_error,
        "hasHtml": has_html,
        "attachments": attachments,
    }


def main():
    out = {}
    for path in sys.argv[1:]:
        try:
            out[path] = read(path)
        except Exception as err:
            out[path] = {"error": "%s: %s" % (type(err).__name__, err)}
    json.dump(out, sys.stdout, ensure_ascii=True, sort_keys=True)


if __name__ == "__main__":
    main()
