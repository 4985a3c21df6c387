//! An in-memory cube of one generation's events, for the aggregates an analyst's page asks for on every
//! filter change: the timeline, the map, the network and the actors.
//!
//! Over SQLite those read every matching event, and merged events first group them (story, source, target, CAMEO
//! code, place, day): at a million events a timeline took half a minute. The cube holds the columns the
//! aggregates and filters read, one array per column in event-id order with codes and days interned (about 120
//! bytes an event with the group table), and each raw event's merged group. An aggregate is then one pass over
//! the arrays with the filter compiled to lookup tables (a code, day or place passes or not), a few milliseconds
//! per million events.
//!
//! The answers are those of the SQL in [`crate::query`], row for row: a merged event is its group's first raw
//! event among those the filter passes, exactly as the SQL's `min(id)` over the filtered rows; the same order and
//! ties; means summed as SQLite sums them (Kahan–Babuška–Neumaier). The full-text filter asks SQLite's FTS5 index
//! for its documents. A test compares every aggregate with the SQL on real data.
//!
//! The cube follows the store: [`Cube::refresh`] appends the events stored since it was built (an ingest running
//! beside the server) and rebuilds when the store's generation changed (a recode).

use crate::query::{
    ActorCount, Bucket, Cursor, EventPage, Filter, Interval, Merged, PairCount, PlaceCount, Row,
    Sort, SortKey, SortValue, Timeline, MENTION_JSON,
};
use crate::{Store, StoreError};
use dyad_model::date::Date;
use std::collections::HashMap;

/// A fast hash for the cube's small integer keys (FxHash's mixing, as rustc uses): SipHash's resistance to
/// chosen keys is not needed for keys the store made, and it costs a third of a group lookup.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64);
    }

    fn write_u8(&mut self, x: u8) {
        self.write_u64(u64::from(x));
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Strings (actor codes, CAMEO codes, days, countries) as small numbers, in first-seen order.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: FxMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }

    /// Which interned strings `pass` accepts, as a table indexed by id.
    fn table(&self, pass: impl Fn(&str) -> bool) -> Vec<bool> {
        self.names.iter().map(|s| pass(s)).collect()
    }
}

/// A nullable text column's value as an interned id; `NONE` is NULL.
const NONE: u32 = u32::MAX;

/// An event's location as the aggregates read it.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    name: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<String>,
    geonameid: Option<i64>,
}

/// What makes two places one: GeoNames id, name, country, latitude and longitude (as bits; NULL is all ones).
type PlaceKey = (Option<i64>, Option<String>, Option<String>, u64, u64);

/// The map's groups: the SQL's `GROUP BY geonameid, place, country`.
type MapKey<'a> = (Option<i64>, Option<&'a str>, Option<&'a str>);

/// The merge key of a raw event: story, source, target, CAMEO code, GeoNames id, day.
type GroupKey = (i64, u32, u32, u32, Option<i64>, u32);

/// One generation's events, column by column (see the module documentation).
#[derive(Debug, Default)]
pub struct Cube {
    generation: i64,
    /// The highest event id read (of any generation): events after it are new.
    last_id: i64,
    id: Vec<i64>,
    document: Vec<i64>,
    story: Vec<i64>,
    group: Vec<u32>,
    day: Vec<u32>,
    source: Vec<u32>,
    target: Vec<u32>,
    /// The (source, target) pair, an index into `pairs`.
    pair: Vec<u32>,
    cameo: Vec<u32>,
    root: Vec<u32>,
    plover: Vec<u32>,
    country: Vec<u32>,
    quad: Vec<u8>,
    goldstein: Vec<Option<f64>>,
    place: Vec<u32>,
    claimed: Vec<bool>,
    codes: Interner,
    days: Interner,
    places: Vec<Place>,
    place_ids: FxMap<PlaceKey, u32>,
    groups: FxMap<GroupKey, u32>,
    /// Each group's raw events as a list: its first, each event's next (`NONE` ends it), its last.
    group_first: Vec<u32>,
    group_last: Vec<u32>,
    next_in_group: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    pair_ids: FxMap<(u32, u32), u32>,
}

/// Kahan–Babuška–Neumaier summation, as SQLite's `sum` and `avg` do, so means agree with the SQL's.
#[derive(Debug, Default, Clone, Copy)]
struct Sum {
    sum: f64,
    err: f64,
    n: i64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.err += (self.sum - t) + x;
        } else {
            self.err += (x - t) + self.sum;
        }
        self.sum = t;
        self.n += 1;
    }

    fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.sum + self.err) / self.n as f64)
    }
}

/// One test of a compiled filter; a filter is the tests it narrows by, all of which must pass.
enum Test {
    /// The day, as a table over the cube's days.
    Day(Vec<bool>),
    /// Source or target (`Actor`), both as a table over the cube's codes.
    Source(Vec<bool>),
    Target(Vec<bool>),
    Actor(Vec<bool>),
    Cameo(Vec<bool>),
    Root(Vec<bool>),
    Plover(Vec<bool>),
    Country(Vec<bool>),
    /// The place, as a table over the cube's places (the bounding box).
    Place(Vec<bool>),
    /// Either direction between two code sets.
    Dyad(Vec<bool>, Vec<bool>),
    Quad(u8),
    Claimed(bool),
    Story(i64),
    Document(i64),
    /// One of these documents (a bit per document id): the full-text query's.
    Documents(Vec<u64>),
}

/// Whether `id` passes `table`; a NULL (`NONE`) never does.
fn look(table: &[bool], id: u32) -> bool {
    table.get(id as usize).copied().unwrap_or(false)
}

impl Test {
    /// The events of `events` that pass, in order: one loop per kind of test.
    fn keep(&self, c: &Cube, events: impl Iterator<Item = u32>) -> Vec<u32> {
        fn by<'a>(
            events: impl Iterator<Item = u32>,
            column: &'a [u32],
            table: &'a [bool],
        ) -> Vec<u32> {
            events
                .filter(|&i| look(table, column[i as usize]))
                .collect()
        }
        match self {
            Test::Day(t) => by(events, &c.day, t),
            Test::Source(t) => by(events, &c.source, t),
            Test::Target(t) => by(events, &c.target, t),
            Test::Cameo(t) => by(events, &c.cameo, t),
            Test::Root(t) => by(events, &c.root, t),
            Test::Plover(t) => by(events, &c.plover, t),
            Test::Country(t) => by(events, &c.country, t),
            Test::Place(t) => by(events, &c.place, t),
            Test::Actor(t) => events
                .filter(|&i| look(t, c.source[i as usize]) || look(t, c.target[i as usize]))
                .collect(),
            _ => events.filter(|&i| self.passes(c, i as usize)).collect(),
        }
    }

    fn passes(&self, c: &Cube, i: usize) -> bool {
        match self {
            Test::Day(t) => look(t, c.day[i]),
            Test::Source(t) => look(t, c.source[i]),
            Test::Target(t) => look(t, c.target[i]),
            Test::Actor(t) => look(t, c.source[i]) || look(t, c.target[i]),
            Test::Cameo(t) => look(t, c.cameo[i]),
            Test::Root(t) => look(t, c.root[i]),
            Test::Plover(t) => look(t, c.plover[i]),
            Test::Country(t) => look(t, c.country[i]),
            Test::Place(t) => look(t, c.place[i]),
            Test::Dyad(a, b) => {
                let (s, t) = (c.source[i], c.target[i]);
                (look(a, s) && look(b, t)) || (look(b, s) && look(a, t))
            }
            Test::Quad(q) => *q != 0 && c.quad[i] == *q,
            Test::Claimed(x) => c.claimed[i] == *x,
            Test::Story(x) => c.story[i] == *x,
            Test::Document(x) => c.document[i] == *x,
            Test::Documents(d) => {
                let id = c.document[i];
                id >= 0
                    && d.get((id / 64) as usize)
                        .is_some_and(|w| w & (1 << (id % 64)) != 0)
            }
        }
    }
}

/// Where a prefix filter compares: the first bytes of the code, as the SQL's `substr(code, 1, length(p)) = p`.
/// (SQLite counts characters, codes are ASCII.)
fn prefixed(code: &str, prefix: &str) -> bool {
    code.starts_with(prefix)
}

impl Cube {
    /// The cube of `store`'s current generation.
    pub fn load(store: &Store) -> Result<Cube, StoreError> {
        let mut cube = Cube {
            generation: store.generation()?.unwrap_or(0),
            ..Cube::default()
        };
        cube.append(store)?;
        Ok(cube)
    }

    /// The generation the cube holds.
    pub fn generation(&self) -> i64 {
        self.generation
    }

    /// Raw events held.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Whether the cube answers for `filter`: it reads the cube's generation.
    pub fn covers(&self, filter: &Filter) -> bool {
        filter.generation.is_none_or(|g| g == self.generation)
    }

    /// Whether the cube holds what `store` holds: the same generation and no event stored since it was read.
    /// Two small reads (a key of the meta table, the largest event id).
    pub fn is_current(&self, store: &Store) -> Result<bool, StoreError> {
        Ok(store.generation()?.unwrap_or(0) == self.generation
            && last_event(store)? == self.last_id)
    }

    /// Brings the cube up to date with `store`: the events stored since it was read are added; a new
    /// generation (a recode) rebuilds it. Returns whether anything changed.
    pub fn refresh(&mut self, store: &Store) -> Result<bool, StoreError> {
        let generation = store.generation()?.unwrap_or(0);
        if generation != self.generation {
            *self = Cube::load(store)?;
            return Ok(true);
        }
        let last = last_event(store)?;
        if last == self.last_id {
            return Ok(false);
        }
        if last < self.last_id {
            // Events went away (a store rewritten under the server): read it anew.
            *self = Cube::load(store)?;
            return Ok(true);
        }
        self.append(store)?;
        Ok(true)
    }

    /// An estimate of the memory the cube holds, in bytes.
    pub fn memory_bytes(&self) -> usize {
        let n = self.id.capacity();
        let columns = n * (8 * 3 + 4 * 12 + 1 + 16 + 1) + self.group_first.capacity() * 8;
        let strings: usize = self
            .codes
            .names
            .iter()
            .chain(&self.days.names)
            .map(|s| 2 * (s.len() + 24) + 16)
            .sum();
        let places = self.places.capacity() * (std::mem::size_of::<Place>() + 64);
        let groups = self.groups.capacity() * (std::mem::size_of::<(GroupKey, u32)>() + 1);
        let pairs = self.pairs.capacity() * 8 + self.pair_ids.capacity() * 13;
        columns + strings + places + groups + pairs
    }

    /// Reads the cube's generation's events after `last_id`, in id order.
    fn append(&mut self, store: &Store) -> Result<(), StoreError> {
        let sql = |e| store.sql("read events into memory", e);
        // Read up to the last event committed now: a writer commits whole transactions with ids above it, so
        // what it commits while this reads is found by the next refresh, never skipped.
        let bound = last_event(store)?;
        let mut stmt = store
            .connection()
            .prepare(
                "SELECT id, document, story, source, target, cameo, root, quad_class, goldstein, plover, day,
                        place, lat, lon, country, geonameid, claimed
                 FROM events WHERE generation = ?1 AND id > ?2 AND id <= ?3 ORDER BY id",
            )
            .map_err(sql)?;
        let mut rows = stmt
            .query(rusqlite::params![self.generation, self.last_id, bound])
            .map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            let text = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
            let id: i64 = r.get(0).map_err(sql)?;
            let story: i64 = r.get(2).map_err(sql)?;
            let source = self.codes.id(&text(3).map_err(sql)?.unwrap_or_default());
            let target = self.codes.id(&text(4).map_err(sql)?.unwrap_or_default());
            let cameo = self.codes.id(&text(5).map_err(sql)?.unwrap_or_default());
            let root = self.codes.id(&text(6).map_err(sql)?.unwrap_or_default());
            let quad: Option<i64> = r.get(7).map_err(sql)?;
            let plover = text(9).map_err(sql)?.map_or(NONE, |s| self.codes.id(&s));
            let day = self.days.id(&text(10).map_err(sql)?.unwrap_or_default());
            let country_text = text(14).map_err(sql)?;
            let country = country_text.as_deref().map_or(NONE, |s| self.codes.id(s));
            let geonameid: Option<i64> = r.get(15).map_err(sql)?;
            let place = Place {
                name: text(11).map_err(sql)?,
                lat: r.get(12).map_err(sql)?,
                lon: r.get(13).map_err(sql)?,
                country: country_text,
                geonameid,
            };
            let place_key = (
                place.geonameid,
                place.name.clone(),
                place.country.clone(),
                place.lat.map_or(u64::MAX, f64::to_bits),
                place.lon.map_or(u64::MAX, f64::to_bits),
            );
            let next_place = self.places.len() as u32;
            let place_id = *self.place_ids.entry(place_key).or_insert(next_place);
            if place_id == next_place {
                self.places.push(place);
            }
            let next_group = self.groups.len() as u32;
            let group = *self
                .groups
                .entry((story, source, target, cameo, geonameid, day))
                .or_insert(next_group);
            let index = self.id.len() as u32;
            if group == next_group {
                self.group_first.push(index);
                self.group_last.push(index);
            } else {
                let last = self.group_last[group as usize] as usize;
                self.next_in_group[last] = index;
                self.group_last[group as usize] = index;
            }
            self.next_in_group.push(NONE);
            self.id.push(id);
            self.document.push(r.get(1).map_err(sql)?);
            self.story.push(story);
            self.group.push(group);
            self.day.push(day);
            self.source.push(source);
            self.target.push(target);
            let next_pair = self.pairs.len() as u32;
            let pair = *self.pair_ids.entry((source, target)).or_insert(next_pair);
            if pair == next_pair {
                self.pairs.push((source, target));
            }
            self.pair.push(pair);
            self.cameo.push(cameo);
            self.root.push(root);
            self.plover.push(plover);
            self.country.push(country);
            self.quad.push(quad.map_or(0, |q| q.clamp(0, 255) as u8));
            self.goldstein.push(r.get(8).map_err(sql)?);
            self.place.push(place_id);
            self.claimed.push(r.get::<_, i64>(16).map_err(sql)? != 0);
            self.last_id = id;
        }
        // Events of other generations up to the bound are not this cube's: refresh looks only after it.
        self.last_id = self.last_id.max(bound);
        Ok(())
    }

    /// `filter` as tests over this cube's ids; the full-text query is asked of `store`.
    fn compile(&self, store: &Store, filter: &Filter) -> Result<Vec<Test>, StoreError> {
        let prefix = |p: &str| self.codes.table(|c| prefixed(c, p));
        let exact = |p: &str| self.codes.table(|c| c == p);
        let mut tests = Vec::new();
        // The most selective tests first: a document or story, then the text query, then codes.
        if let Some(d) = filter.document {
            tests.push(Test::Document(d));
        }
        if let Some(s) = filter.story {
            tests.push(Test::Story(s));
        }
        if let Some(q) = &filter.text {
            let ids = store.matching_documents(filter, q)?;
            let mut bits = vec![0u64; ids.last().map_or(0, |&m| (m.max(0) / 64 + 1) as usize)];
            for id in ids.into_iter().filter(|&id| id >= 0) {
                bits[(id / 64) as usize] |= 1 << (id % 64);
            }
            tests.push(Test::Documents(bits));
        }
        if let Some((a, b)) = &filter.dyad {
            tests.push(Test::Dyad(prefix(a), prefix(b)));
        }
        if let Some(p) = &filter.source {
            tests.push(Test::Source(prefix(p)));
        }
        if let Some(p) = &filter.target {
            tests.push(Test::Target(prefix(p)));
        }
        if let Some(p) = &filter.actor {
            tests.push(Test::Actor(prefix(p)));
        }
        if let Some(p) = &filter.cameo {
            tests.push(Test::Cameo(prefix(p)));
        }
        if let Some(p) = &filter.root {
            tests.push(Test::Root(exact(p)));
        }
        if let Some(p) = &filter.plover {
            tests.push(Test::Plover(exact(p)));
        }
        if let Some(p) = &filter.country {
            tests.push(Test::Country(exact(p)));
        }
        if let Some([w, s, e, n]) = filter.bbox {
            tests.push(Test::Place(
                self.places
                    .iter()
                    .map(|p| match (p.lat, p.lon) {
                        (Some(lat), Some(lon)) => lon >= w && lat >= s && lon <= e && lat <= n,
                        _ => false,
                    })
                    .collect(),
            ));
        }
        if let Some(q) = filter.quad_class {
            tests.push(Test::Quad(q));
        }
        if let Some(x) = filter.claimed {
            tests.push(Test::Claimed(x));
        }
        let (since, until) = (filter.since.as_deref(), filter.until.as_deref());
        if since.is_some() || until.is_some() {
            tests.push(Test::Day(self.days.table(|d| {
                since.is_none_or(|s| d >= s) && until.is_none_or(|u| !d.is_empty() && d <= u)
            })));
        }
        Ok(tests)
    }

    /// The events of the filter's set, as indexes in id order: the raw events `filter` passes, or for merged
    /// events each group's first raw event among those.
    fn select(&self, store: &Store, filter: &Filter, merged: bool) -> Result<Vec<u32>, StoreError> {
        Ok(self.select_with(&self.compile(store, filter)?, merged))
    }

    /// [`Cube::select`] with the filter compiled.
    fn select_with(&self, tests: &[Test], merged: bool) -> Vec<u32> {
        // One test at a time over the events still in (each a tight loop over one or two columns), the first
        // over all of them.
        let mut out: Vec<u32> = match tests.split_first() {
            // Every merged event is its group's first raw event: groups are numbered as first met.
            None if merged => return self.group_first.clone(),
            None => (0..self.id.len() as u32).collect(),
            Some((first, rest)) => {
                let mut kept = first.keep(self, 0..self.id.len() as u32);
                for t in rest {
                    kept = t.keep(self, kept.into_iter());
                }
                kept
            }
        };
        if merged {
            // Groups already seen, one bit each (a million groups fit in 128 KB, near the core).
            let mut seen = vec![0u64; self.groups.len().div_ceil(64)];
            out.retain(|&i| {
                let g = self.group[i as usize] as usize;
                let (word, bit) = (g / 64, 1u64 << (g % 64));
                let first = seen[word] & bit == 0;
                seen[word] |= bit;
                first
            });
        }
        out
    }

    /// Calls `each` with the index of every event of the filter's set (see [`Cube::select`]).
    fn for_each(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        mut each: impl FnMut(usize),
    ) -> Result<(), StoreError> {
        for i in self.select(store, filter, merged)? {
            each(i as usize);
        }
        Ok(())
    }

    /// A page of events, as [`Store::events_page`]: the same rows, counts, mentions and cursors.
    pub fn events_page(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        sort: Sort,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let tests = self.compile(store, filter)?;
        let passes = |m: u32| tests.iter().all(|t| t.passes(self, m as usize));
        let selection = if sort.key == SortKey::Id {
            // In id order the page is the next `limit + 1` events of the set after the cursor: walk the ids from
            // there and stop, as the SQL does. A merged event is found as its group's first passing event.
            let first_of_group = |i: u32| {
                let mut m = self.group_first[self.group[i as usize] as usize];
                while m != i {
                    if passes(m) {
                        return false;
                    }
                    m = self.next_in_group[m as usize];
                }
                true
            };
            let wanted = |i: u32| passes(i) && (!merged || first_of_group(i));
            let n = self.id.len();
            let mut out = Vec::with_capacity(limit + 1);
            if sort.descending {
                let end = after.map_or(n, |c| self.id.partition_point(|&id| id < c.id));
                for i in (0..end).rev() {
                    if out.len() > limit {
                        break;
                    }
                    if wanted(i as u32) {
                        out.push(i as u32);
                    }
                }
            } else {
                let start = after.map_or(0, |c| self.id.partition_point(|&id| id <= c.id));
                for i in start..n {
                    if out.len() > limit {
                        break;
                    }
                    if wanted(i as u32) {
                        out.push(i as u32);
                    }
                }
            }
            out
        } else {
            self.select_with(&tests, merged)
        };
        // A merged event's mentions: its raw events that pass the filter.
        let members = |i: u32| -> Vec<u32> {
            if !merged {
                return vec![i];
            }
            let mut out = Vec::new();
            let mut m = self.group_first[self.group[i as usize] as usize];
            while m != NONE {
                if passes(m) {
                    out.push(m);
                }
                m = self.next_in_group[m as usize];
            }
            out
        };
        let mentions: Vec<i64> = if merged && sort.key == SortKey::Mentions {
            selection.iter().map(|&i| members(i).len() as i64).collect()
        } else {
            Vec::new()
        };
        let key = |k: usize| -> Key<'_> {
            let i = selection[k] as usize;
            match sort.key {
                SortKey::Id => Key::Null,
                SortKey::Date => Key::Text(&self.days.names[self.day[i] as usize]),
                SortKey::Goldstein => Key::Real(self.goldstein[i].unwrap_or(-100.0)),
                SortKey::Mentions if merged => Key::Int(mentions[k]),
                SortKey::Mentions => Key::Int(1),
            }
        };
        let ascending = |a: usize, b: usize| {
            key(a)
                .cmp(&key(b))
                .then_with(|| self.id[selection[a] as usize].cmp(&self.id[selection[b] as usize]))
        };
        let order = |a: &usize, b: &usize| {
            if sort.descending {
                ascending(*b, *a)
            } else {
                ascending(*a, *b)
            }
        };
        let mut page: Vec<usize> = (0..selection.len())
            .filter(|&k| {
                after.is_none_or(|c| {
                    let here = match sort.key {
                        SortKey::Id => std::cmp::Ordering::Equal,
                        _ => key(k).cmp(&Key::of(&c.key)),
                    }
                    .then_with(|| self.id[selection[k] as usize].cmp(&c.id));
                    if sort.descending {
                        here.is_lt()
                    } else {
                        here.is_gt()
                    }
                })
            })
            .collect();
        if page.len() > limit + 1 {
            page.select_nth_unstable_by(limit, order);
            page.truncate(limit + 1);
        }
        page.sort_unstable_by(order);
        let more = page.len() > limit;
        page.truncate(limit);
        let mut rows = Vec::with_capacity(page.len());
        for &k in &page {
            let i = selection[k];
            rows.push(self.row(store, i, merged.then(|| members(i)).as_deref())?);
        }
        let next = match page.last() {
            Some(&k) if more => Some(Cursor {
                sort,
                key: match key(k) {
                    Key::Null => SortValue::None,
                    Key::Int(v) => SortValue::Integer(v),
                    Key::Real(v) => SortValue::Real(v),
                    Key::Text(v) => SortValue::Text(v.to_string()),
                },
                id: self.id[selection[k] as usize],
            }),
            _ => None,
        };
        Ok(EventPage { rows, next })
    }

    /// The stored row of event `i`; for a merged event (`members`: its raw events that passed the filter, in
    /// id order) with its counts and mentions as the SQL gives them.
    fn row(&self, store: &Store, i: u32, members: Option<&[u32]>) -> Result<Row, StoreError> {
        let sql = |e| store.sql("read events", e);
        let mut stmt = store
            .connection()
            .prepare_cached(
                "SELECT ev.record, ev.story, r.started FROM events ev JOIN runs r ON r.id = ev.run
                 WHERE ev.id = ?1",
            )
            .map_err(sql)?;
        let id = self.id[i as usize];
        let (record, story, added) = stmt
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(sql)?;
        let merged = match members {
            None => None,
            Some(members) => {
                let mut stmt = store
                    .connection()
                    .prepare_cached(&format!(
                        "SELECT d.id, coalesce(d.outlet, 'document ' || d.id), {MENTION_JSON}
                         FROM events e JOIN documents d ON d.id = e.document WHERE e.id = ?1"
                    ))
                    .map_err(sql)?;
                let mut documents = Vec::with_capacity(members.len());
                let mut outlets = Vec::with_capacity(members.len());
                let mut list = String::from("[");
                for (n, &m) in members.iter().enumerate() {
                    let (document, outlet, json) = stmt
                        .query_row([self.id[m as usize]], |r| {
                            Ok((
                                r.get::<_, i64>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                            ))
                        })
                        .map_err(sql)?;
                    if n > 0 {
                        list.push(',');
                    }
                    list.push_str(&json);
                    documents.push(document);
                    outlets.push(outlet);
                }
                list.push(']');
                documents.sort_unstable();
                documents.dedup();
                outlets.sort_unstable();
                outlets.dedup();
                Some(Merged {
                    num_mentions: members.len() as i64,
                    num_sources: outlets.len() as i64,
                    num_articles: documents.len() as i64,
                    mentions: list,
                })
            }
        };
        Ok(Row {
            id,
            record,
            story,
            added,
            merged,
        })
    }

    /// Events per day, week or month, as [`Store::timeline`].
    pub fn timeline(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        interval: Interval,
    ) -> Result<Timeline, StoreError> {
        // Each day's period, interned: a day maps to its week's Monday or its month's first day.
        let mut periods = Interner::default();
        let period_of: Vec<u32> = self
            .days
            .names
            .iter()
            .map(|d| periods.id(&period(d, interval)))
            .collect();
        struct Acc {
            count: i64,
            by_quad: [i64; 4],
            goldstein: Sum,
        }
        let mut acc: Vec<Acc> = (0..periods.names.len())
            .map(|_| Acc {
                count: 0,
                by_quad: [0; 4],
                goldstein: Sum::default(),
            })
            .collect();
        self.for_each(store, filter, merged, |i| {
            let a = &mut acc[period_of[self.day[i] as usize] as usize];
            a.count += 1;
            if (1..=4).contains(&self.quad[i]) {
                a.by_quad[usize::from(self.quad[i]) - 1] += 1;
            }
            if let Some(g) = self.goldstein[i] {
                a.goldstein.add(g);
            }
        })?;
        let mut order: Vec<usize> = (0..acc.len()).filter(|&p| acc[p].count > 0).collect();
        order.sort_by(|&a, &b| periods.names[a].cmp(&periods.names[b]));
        let mut timeline = Timeline::default();
        for p in order {
            let a = &acc[p];
            if periods.names[p].is_empty() {
                timeline.undated += a.count;
            } else {
                timeline.buckets.push(Bucket {
                    period: periods.names[p].clone(),
                    count: a.count,
                    by_quad: a.by_quad,
                    mean_goldstein: a.goldstein.mean(),
                });
            }
        }
        Ok(timeline)
    }

    /// Events per place, as [`Store::places`].
    pub fn places(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        limit: usize,
    ) -> Result<Vec<PlaceCount>, StoreError> {
        // The SQL groups by (geonameid, name, country) and takes the least latitude and longitude of a group.
        let mut group_of: HashMap<MapKey<'_>, usize> = HashMap::new();
        struct Acc {
            place: usize,
            count: i64,
            goldstein: Sum,
        }
        let mut acc: Vec<Acc> = Vec::new();
        let mut of_place: Vec<Option<usize>> = vec![None; self.places.len()];
        for (p, place) in self.places.iter().enumerate() {
            if place.lat.is_none() || place.lon.is_none() {
                continue;
            }
            let key = (
                place.geonameid,
                place.name.as_deref(),
                place.country.as_deref(),
            );
            let g = *group_of.entry(key).or_insert_with(|| {
                acc.push(Acc {
                    place: p,
                    count: 0,
                    goldstein: Sum::default(),
                });
                acc.len() - 1
            });
            of_place[p] = Some(g);
        }
        // The least coordinates are over the events counted, not every place of the store.
        let mut least: Vec<(f64, f64)> = vec![(f64::INFINITY, f64::INFINITY); acc.len()];
        self.for_each(store, filter, merged, |i| {
            let p = self.place[i] as usize;
            if let Some(g) = of_place[p] {
                let a = &mut acc[g];
                a.count += 1;
                if let Some(x) = self.goldstein[i] {
                    a.goldstein.add(x);
                }
                let place = &self.places[p];
                let l = &mut least[g];
                l.0 = l.0.min(place.lat.unwrap_or(f64::INFINITY));
                l.1 = l.1.min(place.lon.unwrap_or(f64::INFINITY));
            }
        })?;
        let mut out: Vec<(usize, PlaceCount)> = acc
            .iter()
            .enumerate()
            .filter(|(_, a)| a.count > 0)
            .map(|(g, a)| {
                let place = &self.places[a.place];
                (
                    g,
                    PlaceCount {
                        name: place.name.clone().unwrap_or_default(),
                        lat: least[g].0,
                        lon: least[g].1,
                        country: place.country.clone().unwrap_or_default(),
                        geonameid: place.geonameid.unwrap_or(0),
                        count: a.count,
                        mean_goldstein: a.goldstein.mean(),
                    },
                )
            })
            .collect();
        out.sort_by(|(ga, a), (gb, b)| {
            let (pa, pb) = (&self.places[acc[*ga].place], &self.places[acc[*gb].place]);
            b.count
                .cmp(&a.count)
                .then_with(|| pa.geonameid.cmp(&pb.geonameid))
                .then_with(|| pa.name.cmp(&pb.name))
                .then_with(|| pa.country.cmp(&pb.country))
        });
        out.truncate(limit);
        Ok(out.into_iter().map(|(_, p)| p).collect())
    }

    /// Events per (source, target) pair, as [`Store::pairs`].
    pub fn pairs(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<PairCount>, StoreError> {
        Ok(self.pairs_in(&self.select(store, filter, merged)?, limit))
    }

    /// Events per actor, as [`Store::actors`].
    pub fn actors(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<ActorCount>, StoreError> {
        Ok(self.actors_in(&self.select(store, filter, merged)?, limit))
    }

    /// [`Cube::pairs`] and [`Cube::actors`] of one filter, which is evaluated once.
    pub fn pairs_and_actors(
        &self,
        store: &Store,
        filter: &Filter,
        merged: bool,
        pair_limit: Option<usize>,
        actor_limit: Option<usize>,
    ) -> Result<(Vec<PairCount>, Vec<ActorCount>), StoreError> {
        let selection = self.select(store, filter, merged)?;
        Ok((
            self.pairs_in(&selection, pair_limit),
            self.actors_in(&selection, actor_limit),
        ))
    }

    fn pairs_in(&self, selection: &[u32], limit: Option<usize>) -> Vec<PairCount> {
        let empty = self.codes.ids.get("").copied();
        // Per pair: events and Goldstein scores.
        let mut acc: Vec<(i64, Sum)> = vec![(0, Sum::default()); self.pairs.len()];
        for &i in selection {
            let i = i as usize;
            let a = &mut acc[self.pair[i] as usize];
            a.0 += 1;
            if let Some(g) = self.goldstein[i] {
                a.1.add(g);
            }
        }
        let name = |id: u32| self.codes.names[id as usize].as_str();
        let mut found: Vec<u32> = (0..self.pairs.len() as u32)
            .filter(|&p| {
                let (s, t) = self.pairs[p as usize];
                acc[p as usize].0 > 0 && Some(s) != empty && Some(t) != empty
            })
            .collect();
        let order = |a: &u32, b: &u32| {
            let ((sa, ta), (sb, tb)) = (self.pairs[*a as usize], self.pairs[*b as usize]);
            acc[*b as usize]
                .0
                .cmp(&acc[*a as usize].0)
                .then_with(|| name(sa).cmp(name(sb)))
                .then_with(|| name(ta).cmp(name(tb)))
        };
        // Only the pairs returned are sorted in full and named.
        if let Some(l) = limit.filter(|&l| l < found.len()) {
            if l == 0 {
                return Vec::new();
            }
            found.select_nth_unstable_by(l - 1, order);
            found.truncate(l);
        }
        found.sort_unstable_by(order);
        found
            .into_iter()
            .map(|p| {
                let (s, t) = self.pairs[p as usize];
                PairCount {
                    source: name(s).to_string(),
                    target: name(t).to_string(),
                    count: acc[p as usize].0,
                    mean_goldstein: acc[p as usize].1.mean(),
                }
            })
            .collect()
    }

    fn actors_in(&self, selection: &[u32], limit: Option<usize>) -> Vec<ActorCount> {
        let empty = self.codes.ids.get("").copied();
        // Per code: events, as source, as target.
        let mut acc: Vec<(i64, i64, i64)> = vec![(0, 0, 0); self.codes.names.len()];
        for &i in selection {
            let i = i as usize;
            let (s, t) = (self.source[i], self.target[i]);
            if Some(s) != empty {
                let a = &mut acc[s as usize];
                a.0 += 1;
                a.1 += 1;
            }
            if Some(t) != empty {
                let a = &mut acc[t as usize];
                if t != s {
                    a.0 += 1;
                }
                a.2 += 1;
            }
        }
        let mut out: Vec<ActorCount> = acc
            .iter()
            .enumerate()
            .filter(|(_, a)| a.0 > 0)
            .map(|(code, a)| ActorCount {
                code: self.codes.names[code].clone(),
                events: a.0,
                as_source: a.1,
                as_target: a.2,
            })
            .collect();
        out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        if let Some(l) = limit {
            out.truncate(l);
        }
        out
    }
}

/// A sort value as SQLite orders values of mixed types: NULL, then numbers (integers and reals compared as
/// numbers), then text (bytewise).
#[derive(Debug, Clone, Copy)]
enum Key<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> Key<'a> {
    fn of(v: &'a SortValue) -> Key<'a> {
        match v {
            SortValue::None => Key::Null,
            SortValue::Integer(i) => Key::Int(*i),
            SortValue::Real(r) => Key::Real(*r),
            SortValue::Text(t) => Key::Text(t),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Key::Null => 0,
            Key::Int(_) | Key::Real(_) => 1,
            Key::Text(_) => 2,
        }
    }

    fn cmp(&self, other: &Key<'_>) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (Key::Int(a), Key::Int(b)) => a.cmp(b),
            (Key::Int(a), Key::Real(b)) => (*a as f64).partial_cmp(b).unwrap_or(Ordering::Equal),
            (Key::Real(a), Key::Int(b)) => a.partial_cmp(&(*b as f64)).unwrap_or(Ordering::Equal),
            (Key::Real(a), Key::Real(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            (Key::Text(a), Key::Text(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

/// The largest event id of `store` (0 when it has none).
fn last_event(store: &Store) -> Result<i64, StoreError> {
    store
        .connection()
        .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))
        .map_err(|e| store.sql("read the last event id", e))
}

/// A store's aggregates, read from its cube when there is one for the filter's generation, else by SQL: the
/// same answers either way (see the module documentation).
#[derive(Clone, Copy)]
pub struct Aggregates<'a> {
    pub store: &'a Store,
    pub cube: Option<&'a Cube>,
}

impl Aggregates<'_> {
    fn cube(&self, filter: &Filter) -> Option<&Cube> {
        self.cube.filter(|c| c.covers(filter))
    }

    /// [`Store::events_page`].
    pub fn events_page(
        &self,
        filter: &Filter,
        merged: bool,
        sort: Sort,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        match self.cube(filter) {
            Some(c) => c.events_page(self.store, filter, merged, sort, after, limit),
            None => self.store.events_page(filter, merged, sort, after, limit),
        }
    }

    /// [`Store::timeline`].
    pub fn timeline(
        &self,
        filter: &Filter,
        merged: bool,
        interval: Interval,
    ) -> Result<Timeline, StoreError> {
        match self.cube(filter) {
            Some(c) => c.timeline(self.store, filter, merged, interval),
            None => self.store.timeline(filter, merged, interval),
        }
    }

    /// [`Store::places`].
    pub fn places(
        &self,
        filter: &Filter,
        merged: bool,
        limit: usize,
    ) -> Result<Vec<PlaceCount>, StoreError> {
        match self.cube(filter) {
            Some(c) => c.places(self.store, filter, merged, limit),
            None => self.store.places(filter, merged, limit),
        }
    }

    /// [`Store::pairs`].
    pub fn pairs(
        &self,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<PairCount>, StoreError> {
        match self.cube(filter) {
            Some(c) => c.pairs(self.store, filter, merged, limit),
            None => self.store.pairs(filter, merged, limit),
        }
    }

    /// [`Aggregates::pairs`] and [`Aggregates::actors`] of one filter (evaluated once on the cube).
    pub fn pairs_and_actors(
        &self,
        filter: &Filter,
        merged: bool,
        pair_limit: Option<usize>,
        actor_limit: Option<usize>,
    ) -> Result<(Vec<PairCount>, Vec<ActorCount>), StoreError> {
        match self.cube(filter) {
            Some(c) => c.pairs_and_actors(self.store, filter, merged, pair_limit, actor_limit),
            None => Ok((
                self.store.pairs(filter, merged, pair_limit)?,
                self.store.actors(filter, merged, actor_limit)?,
            )),
        }
    }

    /// [`Store::actors`].
    pub fn actors(
        &self,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<ActorCount>, StoreError> {
        match self.cube(filter) {
            Some(c) => c.actors(self.store, filter, merged, limit),
            None => self.store.actors(filter, merged, limit),
        }
    }
}

/// The period `day` falls in, named as the SQL names it: the day itself, its week's Monday (weeks run Monday to
/// Sunday) or its month's first day; `""` for no day or a day that is not a date.
fn period(day: &str, interval: Interval) -> String {
    if day.is_empty() {
        return String::new();
    }
    if interval == Interval::Day {
        return day.to_string();
    }
    let Some(date) = Date::parse_iso_prefix(day).filter(|_| day.len() == 10) else {
        return String::new();
    };
    let first = match interval {
        Interval::Week => date.add_days(-(i64::from(date.weekday().number_from_monday()) - 1)),
        _ => Date::from_ymd(u32::from(date.year()), u32::from(date.month()), 1),
    };
    first.map(Date::to_iso).unwrap_or_default()
}

impl Store {
    /// The stored documents whose title or text match the FTS5 query `q`, sorted by id.
    pub(crate) fn matching_documents(
        &self,
        filter: &Filter,
        q: &str,
    ) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1")
            .map_err(|e| self.sql("full-text search", e))?;
        let rows = stmt
            .query_map([q], |r| r.get::<_, i64>(0))
            .map_err(|e| self.query_error(filter, e))?;
        let mut ids = rows
            .collect::<Result<Vec<i64>, _>>()
            .map_err(|e| self.query_error(filter, e))?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_named_as_sqlite_names_them() {
        // 2024-03-07 is a Thursday; its week's Monday is 2024-03-04; a Sunday belongs to the week before.
        assert_eq!(period("2024-03-07", Interval::Week), "2024-03-04");
        assert_eq!(period("2024-03-10", Interval::Week), "2024-03-04");
        assert_eq!(period("2024-03-11", Interval::Week), "2024-03-11");
        assert_eq!(period("2024-01-01", Interval::Week), "2024-01-01");
        assert_eq!(period("2023-01-01", Interval::Week), "2022-12-26");
        assert_eq!(period("2024-03-07", Interval::Month), "2024-03-01");
        assert_eq!(period("2024-03-07", Interval::Day), "2024-03-07");
        assert_eq!(period("", Interval::Month), "");
        assert_eq!(period("not a day", Interval::Month), "");
    }

    #[test]
    fn sums_compensate_as_sqlite_does() {
        let mut s = Sum::default();
        for x in [1e16, 1.0, -1e16] {
            s.add(x);
        }
        assert_eq!(s.mean(), Some(1.0 / 3.0));
        assert_eq!(Sum::default().mean(), None);
    }
}
