//! Reads event-coding dictionaries (TABARI, PETRARCH-1/2 and dyad's own) and the CAMEO/Goldstein/PLOVER tables.

pub mod cameo;
