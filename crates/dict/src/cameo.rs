//! The CAMEO code table: names, Goldstein values, quad classes and the PLOVER mapping, loaded from data.
