"""The safety dataset: its record schema, file I/O and the tools behind `drirl data` (issue #3).

Other modules import from here::

    from services.trainer.data import DEFAULT_DATASET, Record, load_records

    train = [r for r in load_records(DEFAULT_DATASET) if r.split == "train"]

Library functions are pure (records in, records out); reading, writing and the encoder sit at the edges
(``files``, ``importer.read_table``, ``embeddings``).
"""

from __future__ import annotations

from services.trainer.data.files import load_records, write_records
from services.trainer.data.schema import DEFAULT_DATASET, DataError, Kind, Record, Split

__all__ = ["DEFAULT_DATASET", "DataError", "Kind", "Record", "Split", "load_records", "write_records"]
