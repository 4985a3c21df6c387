//! Arrow data handed to Python without copying: record batches built in Rust, exported through the Arrow C stream
//! interface as a PyCapsule (`__arrow_c_stream__`), which pyarrow (`pa.table(obj)`), polars, DuckDB and others
//! import. pyarrow then holds the Rust buffers themselves and frees them through the stream's release callback.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// Record batches of one schema, readable any number of times through the Arrow PyCapsule interface.
#[pyclass(frozen, module = "dyad._dyad")]
pub struct ArrowBatches {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl ArrowBatches {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> ArrowBatches {
        ArrowBatches { schema, batches }
    }
}

#[pymethods]
impl ArrowBatches {
    /// The batches as an `ArrowArrayStream` capsule. `requested_schema` is ignored: the schema is fixed (pyarrow
    /// casts afterwards if asked to).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        // Cloning a batch clones reference-counted buffers, not data.
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            self.schema.clone(),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The consumer moves the stream out and marks it released; a capsule never consumed releases it on drop.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// Rows over all batches.
    fn __len__(&self) -> usize {
        self.batches.iter().map(|b| b.num_rows()).sum()
    }
}
