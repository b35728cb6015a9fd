"""Meeting packs for the SVRP and the working groups (DESIGN §5, §8).

- :mod:`.scope`: what a pack covers (``svrp``, an objective, a group) and its marking;
- :mod:`.content`: the pack's sections, from the same frames the pages read;
- :mod:`.measures`: one measure's slide or page (figure, chart, numbers, alt text);
- :mod:`.pictures`: charts to PNG in one warm browser for the whole pack;
- :mod:`.pptx_writer` and :mod:`.pdf_writer`: PowerPoint and tagged PDF;
- :func:`write_pack`: the file, written whole or not at all.
"""

from vrp_metrics.packs.content import Pack, build_pack
from vrp_metrics.packs.files import FORMATS, pack_bytes, write_pack
from vrp_metrics.packs.scope import PackError, Scope, protective_marking, resolve_scope, scope_codes

__all__ = [
    "FORMATS",
    "Pack",
    "PackError",
    "Scope",
    "build_pack",
    "pack_bytes",
    "protective_marking",
    "resolve_scope",
    "scope_codes",
    "write_pack",
]
