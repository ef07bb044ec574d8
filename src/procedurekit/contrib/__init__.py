"""Optional integrations with other libraries, each imported only when used.

- :mod:`procedurekit.contrib.dask`: metrics over partitioned dossier files on a
  ``dask.distributed`` cluster (extra ``dask``).
"""

__all__: list[str] = []
