# Cython declarations for the compiled build of _buckets.py (see setup.py): C types for
# the loops' containers; _buckets.py itself stays plain Python.
import cython

@cython.locals(found=set, bucket=object)
cpdef set candidates(dict buckets, list keys)

@cython.locals(bucket=object)
cpdef insert(dict buckets, str doc_id, list keys, Py_ssize_t cap)
