"""Reading files into :class:`Document` objects. The only layer that touches files."""

from jixiao.read.document import Document, DocumentBuilder, Line
from jixiao.read.text import decode_text, read_document, read_text

__all__ = ["Document", "DocumentBuilder", "Line", "decode_text", "read_document", "read_text"]
