//! Character references in the SGML and XML files the suites are written in: the one decoder, dyad-ingest's
//! (which reads Reuters-21578 with it), shared rather than copied.

pub(crate) use dyad_ingest::entities::decode_entities;
