"""Writes the Parquet fixtures of CoauthorDistributedTests with pyarrow (an independent writer):
    .venv/bin/python Tests/CoauthorDistributedTests/make-fixtures.py
flat-v1/v2: what coauthor reads (flat, uncompressed, PLAIN, nulls, several pages); the others what it
must refuse with a clear message (snappy, dictionary, nested)."""
from pathlib import Path
import pyarrow as pa
import pyarrow.parquet as pq

here = Path(__file__).parent / "Fixtures"
n = 300
table = pa.table({
    "i32": pa.array([None if k % 7 == 0 else k - 150 for k in range(n)], pa.int32()),
    "i64": pa.array([k * 10_000_000_000 for k in range(n)], pa.int64()),
    "f64": pa.array([k / 3 for k in range(n)], pa.float64()),
    "s": pa.array([None if k % 5 == 0 else "Müller %d 中" % k for k in range(n)], pa.string()),
    "b": pa.array([k % 3 == 0 for k in range(n)], pa.bool_()),
})
common = dict(compression="NONE", use_dictionary=False, data_page_size=512, row_group_size=128)
pq.write_table(table, here / "flat-v1.parquet", data_page_version="1.0", **common)
pq.write_table(table, here / "flat-v2.parquet", data_page_version="2.0", **common)
small = table.slice(0, 20)
pq.write_table(small, here / "snappy.parquet", compression="SNAPPY", use_dictionary=False)
pq.write_table(small, here / "dictionary.parquet", compression="NONE", use_dictionary=True)
pq.write_table(pa.table({"l": pa.array([[1, 2], [3]], pa.list_(pa.int64()))}), here / "nested.parquet", compression="NONE",
               use_dictionary=False)
