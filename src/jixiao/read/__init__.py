"""Reading files into :class:`Document` objects. The only layer that touches files."""

from jixiao.read.document import Document, Line
from jixiao.read.text import decode_text, read_document, read_text

__all__ = ["Document", "Line", "decode_text", "read_document", "read_text"]
