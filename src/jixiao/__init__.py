"""jixiao (绩效): read, score and audit fiscal project-expenditure performance forms."""

from jixiao.errors import JixiaoError

__version__ = "0.1.0"

__all__ = ["JixiaoError", "__version__"]
