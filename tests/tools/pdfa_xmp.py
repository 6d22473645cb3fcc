"""The XMP packet of a PDF as pdfa_check.py checks it: its properties, and whether each
one is predefined (XMP 2005, ISO 19005) or described by a PDF/A extension schema."""
import datetime
import re

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XMP = "http://ns.adobe.com/xap/1.0/"
PDF = "http://ns.adobe.com/pdf/1.3/"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
EXT = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
TYPE = "http://www.aiim.org/pdfa/ns/type#"
FIELD = "http://www.aiim.org/pdfa/ns/field#"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Predefined schemas: the properties vanban (and most writers) use are listed, so a
# misspelt one is caught; the other predefined namespaces accept any property.
PREDEFINED = {
    DC: {"contributor", "coverage", "creator", "date", "description", "format", "identifier", "language",
         "publisher", "relation", "rights", "source", "subject", "title", "type"},
    XMP: {"Advisory", "BaseURL", "CreateDate", "CreatorTool", "Identifier", "Label", "MetadataDate", "ModifyDate",
          "Nickname", "Rating", "Thumbnails"},
    PDF: {"Keywords", "PDFVersion", "Producer", "Trapped"},
    PDFAID: {"part", "conformance", "amd", "corr"},
    EXT: {"schemas"},
}
OPEN = {"http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/",
        "http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
        "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/",
        "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
        "http://ns.adobe.com/xmp/Identifier/qual/1.0/"}
SIMPLE_TYPES = {"Boolean", "Date", "Integer", "Real", "Text", "AgentName", "Choice", "GUID", "Lang Alt", "Locale",
                "MIMEType", "ProperName", "RenditionClass", "ResourceRef", "URI", "URL", "XPath", "Rational",
                "GPSCoordinate", "Thumbnail", "Dimensions", "Font", "Colorant", "Job", "Version", "ResourceEvent"}


def split(tag):
    ns, _, local = tag[1:].partition("}")
    return ns, local


def value_of(e):
    for c in e:
        li = c.find("{%s}li" % RDF)
        return (li.text or "") if li is not None else ""
    return e.text or ""


def xmp_properties(root):
    """[(namespace, name, value, element or None)] of every top-level property."""
    out = []
    for desc in root.iter("{%s}Description" % RDF):
        for attr, value in desc.attrib.items():
            if attr.startswith("{"):
                ns, local = split(attr)
                if ns not in (RDF, XML_NS):
                    out.append((ns, local, value, None))
        for e in desc:
            ns, local = split(e.tag)
            out.append((ns, local, value_of(e), e))
    return out


def described(root):
    """({(namespace, property): valueType}, {type name: (field namespace, {field: valueType})})."""
    props, types = {}, {}
    for schema in root.iter("{%s}schemas" % EXT):
        for li in schema.iter("{%s}li" % RDF):
            uri = li.find("{%s}namespaceURI" % SCHEMA)
            if uri is None:
                continue
            for p in li.iter("{%s}name" % PROPERTY):
                parent = [x for x in li.iter() if p in list(x)]
                vt = parent[0].find("{%s}valueType" % PROPERTY) if parent else None
                props[(uri.text, p.text)] = vt.text if vt is not None else None
            for t in li.iter("{%s}type" % TYPE):
                parent = [x for x in li.iter() if t in list(x)][0]
                fns = parent.find("{%s}namespaceURI" % TYPE)
                fields = {}
                for f in parent.iter("{%s}name" % FIELD):
                    fparent = [x for x in parent.iter() if f in list(x)][0]
                    fvt = fparent.find("{%s}valueType" % FIELD)
                    fields[f.text] = fvt.text if fvt is not None else None
                types[t.text] = (fns.text if fns is not None else None, fields)
    return props, types


def known_type(vt, types):
    if vt is None:
        return False
    base = vt
    for prefix in ("bag ", "seq ", "alt ", "Bag ", "Seq ", "Alt "):
        if vt.startswith(prefix):
            base = vt[len(prefix):]
    return base in SIMPLE_TYPES or base in types or vt == "Lang Alt"


def check_extension_schemas(root, properties):
    """Problems: properties neither predefined nor described, described value types
    that are not defined, fields of structures that their type does not describe."""
    if root is None:
        return []
    problems = []
    props, types = described(root)
    for (ns, name), vt in props.items():
        if not known_type(vt, types):
            problems.append("property %s of %s has the undefined value type %r" % (name, ns, vt))
    for ns, name, value, element in properties:
        if ns in PREDEFINED:
            if name not in PREDEFINED[ns]:
                problems.append("%s is not a property of the predefined schema %s" % (name, ns))
            continue
        if ns in OPEN:
            continue
        if (ns, name) not in props:
            problems.append("property %s of %s is not described by an extension schema" % (name, ns))
            continue
        if element is None:
            continue
        base = props[(ns, name)].split(" ")[-1]
        if base not in types:
            continue
        field_ns, fields = types[base]
        for li in element.iter("{%s}li" % RDF):
            for f in li:
                fns, fname = split(f.tag)
                if fns != field_ns or fname not in fields:
                    problems.append("field %s of %s in %s is not described by type %s" % (fname, fns, name, base))
    return problems


def instant(value):
    """A PDF date or an XMP date as an aware datetime (naive: taken as UTC)."""
    if value is None:
        return None
    s = str(value)
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", s)
    if not m:
        m = re.match(r"(\d{4})-?(\d{2})?-?(\d{2})?T?(\d{2})?:?(\d{2})?:?(\d{2})?(?:\.\d+)?([Zz+-])?(\d{2})?:?(\d{2})?", s)
    if not m:
        return s
    y, mo, d, h, mi, se, sign, oh, om = m.groups()
    tz = datetime.timezone.utc
    if sign in ("+", "-"):
        delta = datetime.timedelta(hours=int(oh or 0), minutes=int(om or 0))
        tz = datetime.timezone(delta if sign == "+" else -delta)
    return datetime.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(se or 0), tzinfo=tz)
