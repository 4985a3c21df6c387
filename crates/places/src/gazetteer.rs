//! The gazetteer: GeoNames places (countries, admin1 regions, US counties, cities, continents) and a hand table of
//! news regions, read from the compact TSV that `scripts/build-gazetteer` writes, with a name index.
//!
//! Reading never panics: a malformed file is a [`GazetteerError`] naming the file and the line.

use dyad_model::lines::lines;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The gazetteer built into the crate (gzip TSV, see `data/README.md`).
static EMBEDDED_BYTES: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");
static EMBEDDED: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();

/// The name the embedded gazetteer goes by in errors.
pub const EMBEDDED_NAME: &str = "<embedded gazetteer>";

/// What went wrong reading a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a gzip-compressed UTF-8 gazetteer: {message}")]
    Encoding { path: PathBuf, message: String },
    #[error(
        "{path}: missing or unknown header (want `#dyad-gazetteer\t2` or `#dyad-gazetteer\t1`)"
    )]
    Header { path: PathBuf },
    #[error("{path}:{line}: {message}")]
    Record {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// GeoNames feature class: A (country, region), P (populated place), L (area), H (water), T (terrain), …
pub type FeatureClass = char;

/// A country: ISO codes and the place row standing for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    /// Index of the country's own [`Place`].
    pub place: u32,
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id; hand-table regions and US counties (which the source lists without ids) use ids from
    /// 989,900,000 up.
    pub geonameid: u32,
    pub name: String,
    pub feature_class: FeatureClass,
    /// GeoNames feature code: PCLI (country), ADM1, ADM2 (ADM2C: placed at its state's centre), PPL, CONT, RGN, …
    pub feature_code: Code,
    /// Index into [`Gazetteer::countries`], `u16::MAX` when the place spans several countries.
    pub country: u16,
    /// GeoNames admin1 code within the country (`CA`, `06`, …), empty when unknown.
    pub admin1: Code,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
}

/// A short code held inline (GeoNames feature and admin1 codes): no allocation per place.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code {
    len: u8,
    bytes: [u8; Code::CAPACITY],
}

impl Code {
    /// The longest code held.
    pub const CAPACITY: usize = 15;

    /// The code, if `s` fits.
    pub fn parse(s: &str) -> Option<Code> {
        let mut bytes = [0u8; Code::CAPACITY];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Code {
            len: s.len() as u8,
            bytes,
        })
    }

    fn new(s: &'static str) -> Code {
        Code::parse(s).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        // Built from a &str cut at its end, so always UTF-8; an empty code otherwise.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::ops::Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// How a name points at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRef {
    pub place: u32,
    /// The place's own name (not an alternate or alias).
    pub primary: bool,
}

/// Places and their names.
#[derive(Debug)]
pub struct Gazetteer {
    source: PathBuf,
    places: Vec<Place>,
    countries: Vec<Country>,
    by_name: HashMap<String, Vec<NameRef>, FxBuild>,
    /// The names of `by_name`, for turning away the windows that name no place without probing it.
    name_filter: NameFilter,
    by_iso2: HashMap<String, u16, FxBuild>,
    by_iso3: HashMap<String, u16, FxBuild>,
    admin1: HashMap<(u16, Code), u32>,
    max_name_words: usize,
}

/// No country.
pub const NO_COUNTRY: u16 = u16::MAX;

impl Gazetteer {
    /// The embedded gazetteer, parsed once on first use (about 0.2 s; see the crate docs for memory).
    pub fn embedded() -> Result<&'static Gazetteer, &'static GazetteerError> {
        EMBEDDED
            .get_or_init(|| Gazetteer::from_gzip_bytes(EMBEDDED_BYTES, Path::new(EMBEDDED_NAME)))
            .as_ref()
    }

    /// Reads a gazetteer file in the format `scripts/build-gazetteer` writes (gzip TSV, or plain TSV).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Gazetteer::from_gzip_bytes(&bytes, path)
    }

    /// Parses gazetteer bytes (gzip or plain); `origin` names them in errors.
    pub fn from_gzip_bytes(bytes: &[u8], origin: &Path) -> Result<Gazetteer, GazetteerError> {
        let enc = |message: String| GazetteerError::Encoding {
            path: origin.to_path_buf(),
            message,
        };
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            // The gzip trailer gives the size (mod 2^32): allocate once.
            let size = bytes
                .len()
                .checked_sub(4)
                .and_then(|k| bytes.get(k..))
                .map_or(0, |t| u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as usize);
            let mut out = String::with_capacity(size.min(1 << 28));
            flate2::read::GzDecoder::new(bytes)
                .read_to_string(&mut out)
                .map_err(|e| enc(e.to_string()))?;
            out
        } else {
            String::from_utf8(bytes.to_vec()).map_err(|e| enc(e.to_string()))?
        };
        Gazetteer::from_tsv(&text, origin)
    }

    /// Parses the TSV text of a gazetteer.
    pub fn from_tsv(text: &str, origin: &Path) -> Result<Gazetteer, GazetteerError> {
        let mut all = lines(text).enumerate();
        // Version 1 gives place ids whole; version 2 gives each as the difference from the previous place's.
        let delta_ids = match all.next().map(|(_, h)| h.trim_end()) {
            Some("#dyad-gazetteer\t1") => false,
            Some("#dyad-gazetteer\t2") => true,
            _ => {
                return Err(GazetteerError::Header {
                    path: origin.to_path_buf(),
                })
            }
        };
        let mut g = Gazetteer {
            source: origin.to_path_buf(),
            places: Vec::with_capacity(250_000),
            countries: Vec::new(),
            by_name: HashMap::with_capacity_and_hasher(400_000, FxBuild::default()),
            name_filter: NameFilter::default(),
            by_iso2: HashMap::default(),
            by_iso3: HashMap::default(),
            admin1: HashMap::new(),
            max_name_words: 1,
        };
        // Places refer to countries by ISO2, and country rows come first in the file ('C' sorts before 'P'),
        // but accept any order: resolve country codes after reading.
        let mut pending: Vec<(usize, &str)> = Vec::new();
        let lines: Vec<(usize, &str)> = all
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .collect();
        // The name index is built on a second thread while this one reads the places: each data line is one
        // place, so the place index is the line's position.
        let (result, names) = std::thread::scope(|scope| {
            let names = scope.spawn(|| NameIndex::build(&lines));
            let result = g.read_places(&lines, origin, delta_ids, &mut pending);
            (result, names.join())
        });
        result?;
        match names {
            Ok(index) => {
                g.name_filter = NameFilter::build(index.map.keys().map(String::as_str));
                g.by_name = index.map;
                g.max_name_words = index.max_words;
            }
            Err(_) => {
                return Err(GazetteerError::Encoding {
                    path: origin.to_path_buf(),
                    message: "the name index could not be built".into(),
                })
            }
        }
        for (pi, iso2) in pending {
            if let Some(&ci) = g.by_iso2.get(iso2) {
                g.places[pi].country = ci;
            }
        }
        for (pi, place) in g.places.iter().enumerate() {
            if place.feature_code == "ADM1" && place.country != NO_COUNTRY {
                g.admin1
                    .entry((place.country, place.admin1))
                    .or_insert(pi as u32);
            }
        }
        Ok(g)
    }

    fn read_places<'t>(
        &mut self,
        lines: &[(usize, &'t str)],
        origin: &Path,
        delta_ids: bool,
        pending: &mut Vec<(usize, &'t str)>,
    ) -> Result<(), GazetteerError> {
        let g = self;
        let mut previous_id: u32 = 0;
        for &(i, line) in lines {
            let lineno = i + 1;
            let bad = |message: String| GazetteerError::Record {
                path: origin.to_path_buf(),
                line: lineno,
                message,
            };
            let (f, nf) = fields(line);
            let f = &f[..nf.min(12)];
            match f[0] {
                "C" => {
                    if f.len() != 9 {
                        return Err(bad(format!(
                            "country record has {} fields, want 9",
                            f.len()
                        )));
                    }
                    let (lat, lon) = coords(f[5], f[6]).map_err(&bad)?;
                    let geonameid = number::<u32>(f[3], "geonameid").map_err(&bad)?;
                    let population = number::<u64>(f[7], "population").map_err(&bad)?;
                    if f[1].len() != 2 || f[2].len() != 3 {
                        return Err(bad(format!("bad ISO codes {:?} {:?}", f[1], f[2])));
                    }
                    if g.countries.len() >= NO_COUNTRY as usize - 1 {
                        return Err(bad("too many countries".into()));
                    }
                    let ci = g.countries.len() as u16;
                    let pi = g.places.len() as u32;
                    g.places.push(Place {
                        geonameid,
                        name: f[4].to_string(),
                        feature_class: 'A',
                        feature_code: Code::new("PCLI"),
                        country: ci,
                        admin1: Code::default(),
                        lat,
                        lon,
                        population,
                    });
                    g.countries.push(Country {
                        iso2: f[1].to_string(),
                        iso3: f[2].to_string(),
                        name: f[4].to_string(),
                        place: pi,
                    });
                    g.by_iso2.insert(f[1].to_string(), ci);
                    g.by_iso3.insert(f[2].to_string(), ci);
                }
                "P" => {
                    if nf != 11 {
                        return Err(bad(format!("place record has {nf} fields, want 11")));
                    }
                    let mut geonameid = number::<u32>(f[1], "geonameid").map_err(&bad)?;
                    if delta_ids {
                        geonameid = previous_id
                            .checked_add(geonameid)
                            .ok_or_else(|| bad("geonameid over 2^32".into()))?;
                        previous_id = geonameid;
                    }
                    let mut fc = f[3].chars();
                    let feature_class = match (fc.next(), fc.next()) {
                        (Some(c), None) if c.is_ascii_uppercase() => c,
                        _ => return Err(bad(format!("bad feature class {:?}", f[3]))),
                    };
                    let (lat, lon) = coords(f[7], f[8]).map_err(&bad)?;
                    let population = number::<u64>(f[9], "population").map_err(&bad)?;
                    if f[2].is_empty() {
                        return Err(bad("empty name".into()));
                    }
                    let pi = g.places.len() as u32;
                    pending.push((pi as usize, f[5]));
                    g.places.push(Place {
                        geonameid,
                        name: f[2].to_string(),
                        feature_class,
                        feature_code: Code::parse(f[4]).ok_or_else(|| {
                            bad(format!(
                                "feature code {:?} over {} bytes",
                                f[4],
                                Code::CAPACITY
                            ))
                        })?,
                        country: NO_COUNTRY,
                        admin1: Code::parse(f[6]).ok_or_else(|| {
                            bad(format!(
                                "admin1 code {:?} over {} bytes",
                                f[6],
                                Code::CAPACITY
                            ))
                        })?,
                        lat,
                        lon,
                        population,
                    });
                }
                other => {
                    return Err(bad(format!(
                        "unknown record type {:?} (want C or P)",
                        other.chars().take(20).collect::<String>()
                    )))
                }
            }
        }
        Ok(())
    }

    /// Where this gazetteer was read from.
    pub fn source(&self) -> &Path {
        &self.source
    }
    pub fn places(&self) -> &[Place] {
        &self.places
    }
    pub fn place(&self, index: u32) -> &Place {
        &self.places[index as usize]
    }
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
    /// The country of a place, if it has one.
    pub fn country_of(&self, place: &Place) -> Option<&Country> {
        self.countries.get(place.country as usize)
    }
    pub fn country_by_iso2(&self, iso2: &str) -> Option<u16> {
        self.by_iso2.get(iso2).copied()
    }
    pub fn country_by_iso3(&self, iso3: &str) -> Option<u16> {
        self.by_iso3.get(iso3).copied()
    }
    /// The ADM1 place of a country's admin1 code.
    pub fn admin1_place(&self, country: u16, admin1: &str) -> Option<u32> {
        let code = Code::parse(admin1)?;
        self.admin1.get(&(country, code)).copied()
    }
    /// The places a name (exact, apostrophes normalised) may mean.
    pub fn lookup(&self, name: &str) -> &[NameRef] {
        if needs_normalizing(name) {
            let key = normalize_name(name);
            if !self.name_filter.may_contain(&key) {
                return &[];
            }
            return self.by_name.get(&key).map_or(&[], Vec::as_slice);
        }
        if !self.name_filter.may_contain(name) {
            return &[];
        }
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }
    /// The most words any name has.
    pub fn max_name_words(&self) -> usize {
        self.max_name_words
    }
    /// Number of names indexed.
    pub fn name_count(&self) -> usize {
        self.by_name.len()
    }
    /// A rough count of the heap bytes this gazetteer holds.
    pub fn heap_bytes(&self) -> usize {
        let places: usize = self
            .places
            .iter()
            .map(|p| std::mem::size_of::<Place>() + p.name.capacity())
            .sum();
        let names: usize = self
            .by_name
            .iter()
            .map(|(k, v)| {
                k.capacity()
                    + std::mem::size_of::<(String, Vec<NameRef>)>()
                    + v.capacity() * std::mem::size_of::<NameRef>()
                    + 8
            })
            .sum();
        places + names + self.admin1.len() * 48 + self.countries.len() * 96
    }
}

/// A Bloom filter over the name index's keys (two bits a name in one 64-bit word of 2^16, 512 KB: about 3% false positives). The
/// recogniser tries several windows of words at every capitalised word and nearly all name no place; the filter,
/// small enough to stay in cache, turns those away without a probe into the 20 MB index (a cache miss or more
/// each). It never turns away a name the index holds, so lookups give what the index alone gives.
#[derive(Debug, Default)]
struct NameFilter {
    /// Empty until built: then every name may be there.
    bits: Vec<u64>,
}

impl NameFilter {
    const LOG2_BITS: u32 = 22;

    fn build<'k>(names: impl Iterator<Item = &'k str>) -> NameFilter {
        let mut bits = vec![0u64; (1usize << Self::LOG2_BITS) / 64];
        for name in names {
            let (word, mask) = Self::position(name);
            bits[word] |= mask;
        }
        NameFilter { bits }
    }

    fn may_contain(&self, name: &str) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let (word, mask) = Self::position(name);
        self.bits[word] & mask == mask
    }

    /// The name's word of the filter and its two bits in it (one cache line a lookup), from one FxHash of the
    /// name, mixed so its high and low bits both spread.
    fn position(name: &str) -> (usize, u64) {
        use std::hash::Hasher as _;
        let mut h = FxHasher::default();
        h.write(name.as_bytes());
        let mut x = h.finish();
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        let word = (x & ((1u64 << (Self::LOG2_BITS - 6)) - 1)) as usize;
        (word, 1 << ((x >> 40) & 63) | 1 << ((x >> 50) & 63))
    }
}

/// Names → places, built apart from the places (see [`Gazetteer::from_tsv`]).
struct NameIndex {
    map: HashMap<String, Vec<NameRef>, FxBuild>,
    max_words: usize,
}

impl NameIndex {
    fn build(lines: &[(usize, &str)]) -> NameIndex {
        let mut index = NameIndex {
            map: HashMap::with_capacity_and_hasher(lines.len() * 3 / 2, FxBuild::default()),
            max_words: 1,
        };
        for (pi, &(_, line)) in lines.iter().enumerate() {
            let (f, nf) = fields(line);
            let (name, aliases) = match (f[0], nf) {
                ("C", 9) => (f[4], f[8]),
                ("P", 11) => (f[2], f[10]),
                _ => continue,
            };
            index.add(name, pi as u32, true);
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                index.add(a, pi as u32, false);
            }
        }
        index
    }

    fn add(&mut self, name: &str, place: u32, primary: bool) {
        let words = name.bytes().filter(|&b| b == b' ').count() + 1;
        self.max_words = self.max_words.max(words);
        let refs = if needs_normalizing(name) {
            let key = normalize_name(name);
            if key.is_empty() {
                return;
            }
            self.map.entry(key).or_default()
        } else {
            match self.map.get_mut(name) {
                Some(r) => r,
                None => self.map.entry(name.to_string()).or_default(),
            }
        };
        if let Some(r) = refs.iter_mut().find(|r| r.place == place) {
            r.primary |= primary;
        } else {
            refs.push(NameRef { place, primary });
        }
    }
}

/// Apostrophes as ASCII, runs of spaces as one.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.trim().chars() {
        let c = if c == '\u{2019}' || c == '\u{02bc}' {
            '\''
        } else {
            c
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A record's tab-separated fields (the first 12) and their count; cut at ASCII tabs, so always at char
/// boundaries. Tabs are found eight bytes at a time (the load splits half a million lines twice).
#[inline]
fn fields(line: &str) -> ([&str; 12], usize) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TABS: u64 = 0x0909_0909_0909_0909;
    let b = line.as_bytes();
    let mut f = [""; 12];
    let mut n = 0;
    let mut start = 0;
    let mut cut = |i: usize| {
        if n < f.len() {
            f[n] = &line[start..i];
        }
        n += 1;
        start = i + 1;
    };
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ TABS;
        // The high bit of each byte of `x` that is zero (a tab in the line), and of no other.
        let mut zero = !(((x & LOW7) + LOW7) | x | LOW7);
        while zero != 0 {
            cut(at + zero.trailing_zeros() as usize / 8);
            zero &= zero - 1;
        }
        at += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if c == b'\t' {
            cut(at + k);
        }
    }
    if n < f.len() {
        f[n] = &line[start..];
    }
    (f, n + 1)
}

fn needs_normalizing(name: &str) -> bool {
    // One pass over the bytes: ’ (E2 80 99), ʼ (CA BC), two spaces, or a space at either end.
    let b = name.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return true;
    }
    let mut space = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if space => return true,
            0xCA if b.get(i + 1) == Some(&0xBC) => return true,
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => return true,
            _ => {}
        }
        space = c == b' ';
    }
    false
}

/// FxHash (rustc's hasher): the name index hashes 400,000 short keys at load; SipHash's DoS resistance buys
/// nothing for a fixed gazetteer, and costs a third of the load time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.hash = (self.hash.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.hash = (self.hash.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

fn number<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, String> {
    s.parse::<T>()
        .map_err(|_| format!("bad {what} {:?}", s.chars().take(30).collect::<String>()))
}

fn coords(lat: &str, lon: &str) -> Result<(f32, f32), String> {
    let la = degrees(lat).map_or_else(|| number::<f32>(lat, "latitude"), Ok)?;
    let lo = degrees(lon).map_or_else(|| number::<f32>(lon, "longitude"), Ok)?;
    if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    Ok((la, lo))
}

/// A plain decimal (`-61.7949`: sign, at most 15 digits, a point) as the f32 that `str::parse` gives, without its
/// general algorithm (a quarter of the gazetteer's load time): digits / 10^k is one correctly rounded f64
/// division, and rounding that f64 to f32 gives the correctly rounded f32 unless it lies exactly halfway between
/// two f32s — then, and for any other shape of number, `None` sends the text to `str::parse`.
fn degrees(s: &str) -> Option<f32> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let (mut mantissa, mut count, mut fraction, mut point) = (0u64, 0usize, 0usize, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                count += 1;
                fraction += usize::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    let value = mantissa as f64 / POW10[fraction];
    // The 29 bits an f64 has beyond an f32's 24: exactly 1000…0 is a halfway case.
    if value.to_bits() & ((1 << 29) - 1) == 1 << 28 {
        return None;
    }
    let value = value as f32;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_records_name_the_line() {
        let p = Path::new("bad.tsv");
        let e = Gazetteer::from_tsv("#dyad-gazetteer\t1\nP\t1\tX\tP\tPPL\tUS\t\t91\t0\t0\t\n", p)
            .unwrap_err();
        assert_eq!(e.to_string(), "bad.tsv:2: coordinates out of range: 91, 0");
        let e = Gazetteer::from_tsv("#dyad-gazetteer\t1\nQ\n", p).unwrap_err();
        assert!(e.to_string().starts_with("bad.tsv:2: unknown record type"));
        let e = Gazetteer::from_tsv("hello", p).unwrap_err();
        assert!(matches!(e, GazetteerError::Header { .. }));
        let e = Gazetteer::from_gzip_bytes(&[0x1f, 0x8b, 0, 1], p).unwrap_err();
        assert!(matches!(e, GazetteerError::Encoding { .. }));
    }

    #[test]
    fn degrees_parse_as_str_parse_does() {
        for s in [
            "0",
            "-0",
            "33",
            "42.521",
            "-61.7949",
            "180",
            "-90.0",
            "0.0001",
            "12.",
            "1.5",
            "-0.05",
            "89.99999999",
            "123456789012345",
            "0.1",
            "45.000000001",
        ] {
            let want: f32 = s.parse().unwrap();
            assert_eq!(degrees(s).map(f32::to_bits), Some(want.to_bits()), "{s}");
        }
        for s in [
            "",
            "-",
            ".",
            "1e5",
            "+1",
            "1.2.3",
            "nan",
            "--1",
            "1234567890123456",
        ] {
            assert_eq!(degrees(s), None, "{s}");
        }
        // Every coordinate of the embedded gazetteer, against the standard parser.
        let text = {
            let mut out = String::new();
            flate2::read::GzDecoder::new(EMBEDDED_BYTES)
                .read_to_string(&mut out)
                .unwrap();
            out
        };
        let mut checked = 0;
        for line in text.lines().skip(1) {
            let (f, nf) = fields(line);
            let (lat, lon) = match (f[0], nf) {
                ("C", 9) => (f[5], f[6]),
                ("P", 11) => (f[7], f[8]),
                _ => continue,
            };
            for s in [lat, lon] {
                let want: f32 = s.parse().unwrap();
                let got = degrees(s).unwrap_or(want);
                assert_eq!(got.to_bits(), want.to_bits(), "{s}");
                checked += 1;
            }
        }
        assert!(checked > 400_000);
    }

    #[test]
    fn fields_cut_at_every_tab() {
        for line in [
            "",
            "a",
            "\t",
            "C\tAD\tAND",
            "P\t17\tEjb\u{101}r Kol\u{101}\tP\tPPL\tIR\t35\t36.4563\t52.4544\t4499\tx\ty\tz\t",
        ] {
            let want: Vec<&str> = line.split('\t').collect();
            let (f, n) = fields(line);
            assert_eq!(n, want.len(), "{line:?}");
            assert_eq!(&f[..n.min(12)], &want[..n.min(12)], "{line:?}");
        }
        for len in 0..40 {
            let line: String = (0..len)
                .map(|i| if i % 3 == 1 { '\t' } else { 'x' })
                .collect();
            let want: Vec<&str> = line.split('\t').collect();
            let (f, n) = fields(&line);
            assert_eq!((n, &f[..n.min(12)]), (want.len(), &want[..n.min(12)]));
        }
    }

    #[test]
    fn names_needing_normalizing() {
        for (s, want) in [
            ("Damascus", false),
            ("Dar es Salaam", false),
            (" Paris", true),
            ("Paris ", true),
            ("New  York", true),
            ("Hawai\u{02bc}i", true),
            ("Cote d\u{2019}Ivoire", true),
            ("Caf\u{e9} \u{2014} Bar", false),
        ] {
            assert_eq!(needs_normalizing(s), want, "{s:?}");
        }
    }

    #[test]
    fn name_filter_keeps_every_name() {
        let g = Gazetteer::embedded().unwrap();
        assert!(g.by_name.keys().all(|k| g.name_filter.may_contain(k)));
        let rejected = ["Xqzv Jwpt", "Reuters", "Company", "Thursday"]
            .iter()
            .filter(|n| !g.name_filter.may_contain(n))
            .count();
        assert!(rejected >= 2, "the filter turns away most non-names");
    }
}
