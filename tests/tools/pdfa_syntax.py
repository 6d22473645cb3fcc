"""The file's syntax as pdfa_check.py reads it raw (ISO 19005-2 6.1): the classic
cross-reference sections, followed through /Prev."""
import re


def xref_offsets(raw):
    """{object number: offset} from the classic cross-reference sections, newest first
    (following /Prev); None when the file uses a cross-reference stream."""
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", raw[-1024:])
    if not m:
        return {}, ["no startxref at the end of the file"]
    offsets, problems, seen = {}, [], set()
    at = int(m.group(1))
    while at is not None and at not in seen:
        seen.add(at)
        if raw[at:at + 4] != b"xref":
            if re.match(rb"\d+ \d+ obj", raw[at:at + 20]):
                return None, []  # a cross-reference stream: qpdf checks it
            problems.append("startxref/Prev %d does not point at an xref keyword" % at)
            break
        pos = at + 4
        eol = re.match(rb"\r?\n", raw[pos:pos + 2])
        if not eol:
            problems.append("the xref keyword at %d is not followed by an end of line" % at)
            break
        pos += eol.end()
        while True:
            head = re.match(rb"(\d+) (\d+)\r?\n", raw[pos:pos + 40])
            if not head:
                break
            first, count = int(head.group(1)), int(head.group(2))
            pos += head.end()
            for i in range(count):
                entry = raw[pos:pos + 20]
                e = re.match(rb"(\d{10}) (\d{5}) ([nf])( \r| \n|\r\n)", entry)
                if not e:
                    problems.append("malformed xref entry for object %d" % (first + i))
                    return offsets, problems
                if e.group(3) == b"n":
                    offsets.setdefault(first + i, int(e.group(1)))
                pos += 20
        t = re.match(rb"\s*trailer\s*", raw[pos:pos + 20])
        if not t:
            problems.append("no trailer after the xref section at %d" % at)
            break
        prev = re.search(rb"/Prev\s+(\d+)", raw[pos:raw.find(b"startxref", pos)])
        at = int(prev.group(1)) if prev else None
    return offsets, problems
