//! FNV-1a (64-bit): the one small, fast, stable hash dyad uses for ids derived from provenance and for its own word
//! tables. Not for keys an adversary chooses (no flooding resistance); the value never changes between releases.

use std::hash::Hasher;

/// FNV-1a's 64-bit offset basis: the hash of no bytes.
pub const FNV1A64_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
pub const FNV1A64_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a (64-bit) of `bytes`.
///
/// ```
/// use dyad_model::hash::fnv1a64;
/// assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_extend(FNV1A64_OFFSET_BASIS, bytes)
}

/// Continues an FNV-1a (64-bit) hash `state` over `bytes`: hashing `a` then `b` this way equals
/// `fnv1a64` of `a` and `b` joined.
pub fn fnv1a64_extend(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(FNV1A64_PRIME)
    })
}

/// FNV-1a as a [`Hasher`], for hash maps and sets over short keys dyad itself supplies:
/// `HashSet<&str, BuildHasherDefault<Fnv1a64>>`.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Fnv1a64 {
        Fnv1a64(FNV1A64_OFFSET_BASIS)
    }
}

impl Hasher for Fnv1a64 {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a64_extend(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extending_equals_hashing_the_whole() {
        assert_eq!(fnv1a64_extend(fnv1a64(b"ab"), b"cd"), fnv1a64(b"abcd"));
        let mut h = Fnv1a64::default();
        h.write(b"ab");
        h.write(b"cd");
        assert_eq!(h.finish(), fnv1a64(b"abcd"));
        // Published FNV-1a 64 test vector.
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
