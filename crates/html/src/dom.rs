//! A compact arena DOM built by html5ever's tree builder.
//!
//! Nodes live in one `Vec` and link to each other by index, which keeps the tree small and cheap to walk. Only what
//! extraction needs is kept: element names, attributes, text, and the source line each node started on (html5ever
//! reports lines, not byte offsets; [`LineIndex`] turns a line into the byte offset of its start).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{local_name, ns, Attribute, LocalName, Namespace, QualName, TokenizerResult};

use crate::hints::{self, MAX_ATTRIBUTES, MAX_DOM_DEPTH, MAX_REOPENED_FORMATTING};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// The absent link.
pub const NONE: NodeId = u32::MAX;

/// The document node is always the first.
pub const DOCUMENT: NodeId = 0;

#[derive(Debug)]
pub enum NodeData {
    Document,
    Element {
        name: LocalName,
        /// Elements outside the HTML namespace (SVG, MathML) carry no article text.
        ns: Namespace,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: kept only so handles stay valid.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev_sibling: NodeId,
    pub next_sibling: NodeId,
    /// 1-based source line the parser was on when it created the node.
    pub line: u32,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData, line: u32) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            line,
            data,
        }
    }
}

/// Which of the input limits in [`crate::hints`] a page hit while parsing. A page that hits one is hostile or
/// badly broken; its text is still extracted, but the caller may want to warn, naming the record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseLimits {
    /// Elements nested deeper than [`MAX_DOM_DEPTH`] were flattened.
    pub depth: bool,
    /// Attributes past [`MAX_ATTRIBUTES`] on one tag were cut.
    pub attributes: bool,
    /// More than [`MAX_REOPENED_FORMATTING`] formatting elements were reopened at once, and closed again.
    pub formatting: bool,
}

impl ParseLimits {
    /// Whether any limit was hit.
    pub fn any(&self) -> bool {
        self.depth || self.attributes || self.formatting
    }

    /// The limits hit, as the document model names them, for `dyad_model::LimitsHit::note`.
    pub fn hits(&self) -> impl Iterator<Item = dyad_model::Limit> {
        [
            (self.depth, dyad_model::Limit::DomDepth),
            (self.attributes, dyad_model::Limit::DomAttributes),
            (self.formatting, dyad_model::Limit::DomReopenedFormatting),
        ]
        .into_iter()
        .filter_map(|(hit, limit)| hit.then_some(limit))
    }
}

impl std::fmt::Display for ParseLimits {
    /// The limits hit, comma-separated, or `none`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hit = [
            (self.depth, "nesting deeper than MAX_DOM_DEPTH"),
            (self.attributes, "more attributes than MAX_ATTRIBUTES"),
            (
                self.formatting,
                "more reopened formatting than MAX_REOPENED_FORMATTING",
            ),
        ];
        let mut first = true;
        for (_, what) in hit.iter().filter(|h| h.0) {
            f.write_str(if first { "" } else { ", " })?;
            f.write_str(what)?;
            first = false;
        }
        if first {
            f.write_str("none")?;
        }
        Ok(())
    }
}

/// Which tokenizer feeds the tree builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tokenizing {
    /// [`crate::tokenizer`], which may give up on a page.
    Fast,
    /// html5ever's, which takes anything.
    Html5ever,
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// The input limits the page hit.
    pub limits: ParseLimits,
}

impl Dom {
    /// Parse a whole HTML document. Never fails: HTML5 parsing recovers from any input. Linear in the input: see
    /// the limits in [`crate::hints`] ([`MAX_DOM_DEPTH`], [`MAX_ATTRIBUTES`], [`MAX_REOPENED_FORMATTING`]).
    pub fn parse(html: &str) -> Dom {
        Dom::parse_with(html, true)
    }

    /// [`Dom::parse`], keeping the text of `<script>` and `<style>` elements as written. `parse` drops that text
    /// (keeping its line breaks, so every node's line is the same) because nothing in the article is in it and
    /// tokenizing it is about half of the parse on real news pages; scripts whose `type` names JSON (JSON-LD
    /// metadata) are always kept. The two trees are the same outside those elements.
    pub fn parse_keeping_scripts(html: &str) -> Dom {
        Dom::parse_with(html, false)
    }

    fn parse_with(html: &str, drop_script_text: bool) -> Dom {
        let capped = cap_attributes(html);
        let html = capped.as_deref().unwrap_or(html);
        let mut dom = Dom::build(html, drop_script_text, Tokenizing::Fast)
            .unwrap_or_else(|_| Dom::build_with_html5ever(html, drop_script_text));
        dom.limits.attributes = capped.is_some();
        dom
    }

    /// [`Dom::parse`] (or, with `drop_script_text` false, [`Dom::parse_keeping_scripts`]) with html5ever's own
    /// tokenizer throughout: the reference the fast tokenizer is tested against.
    #[doc(hidden)]
    pub fn parse_with_html5ever_tokenizer(html: &str, drop_script_text: bool) -> Dom {
        let capped = cap_attributes(html);
        let mut dom =
            Dom::build_with_html5ever(capped.as_deref().unwrap_or(html), drop_script_text);
        dom.limits.attributes = capped.is_some();
        dom
    }

    /// [`Dom::parse`] (or [`Dom::parse_keeping_scripts`]) with the fast tokenizer only: `Err` names the first
    /// construct it hands to html5ever's tokenizer instead. For tests and measurements.
    #[doc(hidden)]
    pub fn parse_with_fast_tokenizer(
        html: &str,
        drop_script_text: bool,
    ) -> Result<Dom, crate::tokenizer::Unsupported> {
        let capped = cap_attributes(html);
        let mut dom = Dom::build(
            capped.as_deref().unwrap_or(html),
            drop_script_text,
            Tokenizing::Fast,
        )?;
        dom.limits.attributes = capped.is_some();
        Ok(dom)
    }

    fn build_with_html5ever(html: &str, drop_script_text: bool) -> Dom {
        match Dom::build(html, drop_script_text, Tokenizing::Html5ever) {
            Ok(dom) => dom,
            // html5ever's tokenizer takes any input.
            Err(_) => unreachable!("html5ever's tokenizer never gives up"),
        }
    }

    /// Build the tree of `html` (attributes already capped) with the given tokenizer.
    fn build(
        html: &str,
        drop_script_text: bool,
        tokenizing: Tokenizing,
    ) -> Result<Dom, crate::tokenizer::Unsupported> {
        // About one node per tag: reserving up front saves the copies (and the doubled peak) of regrowth.
        let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
        let mut nodes = Vec::with_capacity(tags.saturating_add(2));
        nodes.push(Node::new(NodeData::Document, 1));
        let sink = ArenaSink {
            nodes: RefCell::new(nodes),
            depth: RefCell::new(vec![0]),
            line: Cell::new(1),
            open_depth: Cell::new(0),
            merged_attrs: RefCell::new(Vec::new()),
            open_names: RefCell::new(HashMap::new()),
        };
        let mut guard = DepthGuard {
            builder: TreeBuilder::new(sink, Default::default()),
            swallow: RefCell::new(HashMap::new()),
            limits: Cell::new(ParseLimits::default()),
            input: None,
        };
        match tokenizing {
            Tokenizing::Fast => {
                crate::tokenizer::tokenize(html, &guard, drop_script_text)?;
            }
            Tokenizing::Html5ever => {
                let input = Rc::new(BufferQueue::default());
                input.push_back(StrTendril::from_slice(html));
                guard.input = drop_script_text.then(|| Rc::clone(&input));
                let tokenizer = Tokenizer::new(guard, Default::default());
                while let TokenizerResult::Script(_) = tokenizer.feed(&input) {}
                tokenizer.end();
                guard = tokenizer.sink;
            }
        }
        Ok(Dom {
            limits: guard.limits.get(),
            nodes: guard.builder.sink.nodes.into_inner(),
        })
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element's local name, or `None` for other nodes and foreign (SVG/MathML) elements.
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        match &self.node(id).data {
            NodeData::Element { name, ns, .. } if *ns == ns!(html) => Some(name),
            _ => None,
        }
    }

    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.node(id).data, NodeData::Element { .. })
    }

    /// The value of attribute `name` (an HTML attribute without namespace).
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.node(id).data {
            NodeData::Element { attrs, .. } => attrs
                .iter()
                .find(|a| a.name.ns == ns!() && &*a.name.local == name)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// The next sibling that is an element, skipping text and comments.
    pub fn next_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let mut n = self.node(id).next_sibling;
        while n != NONE {
            if self.is_element(n) {
                return Some(n);
            }
            n = self.node(n).next_sibling;
        }
        None
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// All text under a node, concatenated as written (no whitespace normalisation). Iterative: nesting depth is
    /// unbounded in hostile input.
    pub fn raw_text(&self, id: NodeId, out: &mut String) {
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match &self.node(n).data {
                NodeData::Text(t) => out.push_str(t),
                NodeData::Element { .. } | NodeData::Document => {
                    let start = stack.len();
                    stack.extend(self.children(n));
                    stack[start..].reverse();
                }
                NodeData::Other => {}
            }
        }
    }
}

impl Dom {
    /// The first place where two parses of a page differ outside the text of `<script>` and `<style>` elements
    /// (element names, namespaces, attributes, text and lines, in document order), or `None`: what
    /// [`Dom::parse`] and [`Dom::parse_keeping_scripts`] must agree on.
    pub fn first_difference_outside_scripts(&self, other: &Dom) -> Option<String> {
        self.first_difference_in(other, false)
    }

    /// The first place where two parses of a page differ anywhere (element names, namespaces, attributes, text
    /// and lines, in document order), or `None`: what the two tokenizers must agree on.
    pub fn first_difference(&self, other: &Dom) -> Option<String> {
        self.first_difference_in(other, true)
    }

    fn first_difference_in(&self, other: &Dom, in_scripts: bool) -> Option<String> {
        let (mut a, mut b) = (vec![DOCUMENT], vec![DOCUMENT]);
        loop {
            let (x, y) = match (a.pop(), b.pop()) {
                (None, None) => return None,
                (Some(x), Some(y)) => (x, y),
                (x, y) => return Some(format!("one tree ends first: {x:?} / {y:?}")),
            };
            let (nx, ny) = (self.node(x), other.node(y));
            let same = match (&nx.data, &ny.data) {
                (NodeData::Document, NodeData::Document) | (NodeData::Other, NodeData::Other) => {
                    true
                }
                (NodeData::Text(s), NodeData::Text(t)) => s == t,
                (
                    NodeData::Element { name, ns, attrs },
                    NodeData::Element {
                        name: n2,
                        ns: ns2,
                        attrs: a2,
                    },
                ) => name == n2 && ns == ns2 && attrs == a2,
                _ => false,
            };
            if !same || nx.line != ny.line {
                return Some(format!(
                    "node {x} (line {}) {:?} / node {y} (line {}) {:?}",
                    nx.line, nx.data, ny.line, ny.data
                ));
            }
            let raw = matches!(self.tag(x), Some(t) if *t == local_name!("script") || *t == local_name!("style"));
            if in_scripts || !raw {
                for (stack, dom, id) in [(&mut a, self, x), (&mut b, other, y)] {
                    let start = stack.len();
                    stack.extend(dom.children(id));
                    stack[start..].reverse();
                }
            }
        }
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.node(id).next_sibling;
        Some(id)
    }
}

/// Maps 1-based line numbers to the byte offset where each line starts.
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex { starts }
    }

    pub fn offset(&self, line: u32) -> u64 {
        let i = (line.max(1) - 1) as usize;
        self.starts
            .get(i)
            .or(self.starts.last())
            .copied()
            .unwrap_or(0) as u64
    }
}

/// Start tags that switch the tokenizer to raw text (or script data, or plain text): always passed to the tree
/// builder, which tells the tokenizer to switch; dropping one would parse its contents as markup. They nest at most
/// one deep, as nothing inside them is a tag.
const RAW_TEXT_TAGS: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("title"),
    local_name!("textarea"),
    local_name!("xmp"),
    local_name!("iframe"),
    local_name!("noembed"),
    local_name!("noframes"),
    local_name!("noscript"),
    local_name!("plaintext"),
];

/// Start tags that never open a new level: the document's own elements (merged, or ignored, when repeated) and
/// void elements.
const FLAT_TAGS: &[LocalName] = &[
    local_name!("html"),
    local_name!("head"),
    local_name!("body"),
    local_name!("frameset"),
];

/// Void elements: no content, no end tag to swallow.
const VOID_TAGS: &[LocalName] = &[
    local_name!("area"),
    local_name!("base"),
    local_name!("basefont"),
    local_name!("bgsound"),
    local_name!("br"),
    local_name!("col"),
    local_name!("embed"),
    local_name!("frame"),
    local_name!("hr"),
    local_name!("img"),
    local_name!("image"),
    local_name!("input"),
    local_name!("keygen"),
    local_name!("link"),
    local_name!("meta"),
    local_name!("param"),
    local_name!("source"),
    local_name!("track"),
    local_name!("wbr"),
];

/// The HTML5 formatting elements, which the tree builder reopens after a block closes them.
const FORMATTING_TAGS: &[LocalName] = &[
    local_name!("a"),
    local_name!("b"),
    local_name!("big"),
    local_name!("code"),
    local_name!("em"),
    local_name!("font"),
    local_name!("i"),
    local_name!("nobr"),
    local_name!("s"),
    local_name!("small"),
    local_name!("strike"),
    local_name!("strong"),
    local_name!("tt"),
    local_name!("u"),
];

/// Sits between the tokenizer and html5ever's tree builder and keeps the builder's stack of open elements within
/// [`MAX_DOM_DEPTH`]: the builder scans that stack on most tokens, so its depth bounds the work per token. A start
/// tag arriving at the cap is dropped (a block-level one becomes a `<br>`, so its text stays a separate line) and
/// its end tag swallowed later.
struct DepthGuard {
    builder: TreeBuilder<NodeId, ArenaSink>,
    /// End tags still to swallow, by name, because their start tags were dropped.
    swallow: RefCell<HashMap<LocalName, u32>>,
    limits: Cell<ParseLimits>,
    /// The tokenizer's input, when script and style text is dropped (see [`Dom::parse_keeping_scripts`]).
    input: Option<Rc<BufferQueue>>,
}

/// A stack of open elements this deep makes every unmatched end tag a long walk for the tree builder, which looks
/// for an element of that name down to the nearest special one; from here, end tags naming no open element are
/// dropped first. Far below it, on real pages, every token reaches the tree builder unchanged.
const DEEP_STACK: u32 = MAX_DOM_DEPTH / 2;

/// End tags that do something even with no such element open: `</p>` and `</br>` insert an element, the document
/// ones change the insertion mode.
const EFFECTIVE_UNMATCHED_END_TAGS: &[LocalName] = &[
    local_name!("p"),
    local_name!("br"),
    local_name!("html"),
    local_name!("head"),
    local_name!("body"),
];

impl DepthGuard {
    fn hit(&self, f: impl FnOnce(&mut ParseLimits)) {
        let mut l = self.limits.get();
        f(&mut l);
        self.limits.set(l);
    }

    /// Whether to drop this tag instead of building it.
    fn drops(&self, tag: &Tag) -> bool {
        let depth = self.builder.sink.open_depth.get();
        match tag.kind {
            StartTag => {
                if RAW_TEXT_TAGS.contains(&tag.name) || FLAT_TAGS.contains(&tag.name) {
                    return false;
                }
                // Once the list of active formatting elements has overflowed, it is kept from growing again.
                let formatting_blocked =
                    self.limits.get().formatting && FORMATTING_TAGS.contains(&tag.name);
                if depth < MAX_DOM_DEPTH && !formatting_blocked {
                    return false;
                }
                if !formatting_blocked {
                    self.hit(|l| l.depth = true);
                }
                if !VOID_TAGS.contains(&tag.name) {
                    *self
                        .swallow
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_default() += 1;
                }
                true
            }
            EndTag => {
                if let Some(count) = self.swallow.borrow_mut().get_mut(&tag.name) {
                    if *count > 0 {
                        *count -= 1;
                        return true;
                    }
                }
                depth >= DEEP_STACK
                    && !EFFECTIVE_UNMATCHED_END_TAGS.contains(&tag.name)
                    && !self.builder.sink.is_open(&tag.name)
            }
        }
    }

    fn forward(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        self.builder.process_token(token, line)
    }
}

/// The end tag name and the tokenizer state of a start tag whose text extraction never reads: `<style>`, and
/// `<script>` unless its `type` names JSON (JSON-LD metadata is read from it).
pub(crate) fn droppable_text(tag: &Tag) -> Option<(&'static [u8], RawKind)> {
    if tag.name == local_name!("style") {
        return Some((b"style", RawKind::Rawtext));
    }
    if tag.name != local_name!("script") {
        return None;
    }
    let json = tag
        .attrs
        .iter()
        .any(|a| &*a.name.local == "type" && a.value.to_ascii_lowercase().contains("json"));
    (!json).then_some((b"script", RawKind::ScriptData))
}

/// Drops the text of the raw-text element the tokenizer has just entered, up to its end tag, from the front of
/// the input, keeping its line breaks as newlines (so the tokenizer counts the same lines). Only where the end is certain: it
/// lies in the front buffer (an end tag is never split across buffers), and script text holds no `<!--`, after
/// which the tokenizer's escape states decide where a script ends. Text with no end tag runs to the end of input.
fn drop_raw_text(input: &BufferQueue, name: &[u8], script: bool) {
    let Some(front) = input.pop_front() else {
        return;
    };
    let bytes = front.as_bytes();
    let end = raw_text_end(bytes, name);
    let certain = (end < bytes.len() || input.is_empty())
        && !(script && memchr::memmem::find(&bytes[..end], b"<!--").is_some());
    if !certain {
        input.push_front(front);
        return;
    }
    // Line breaks as the tokenizer counts them: CR LF, a lone CR and LF are one each.
    let text = &bytes[..end];
    let breaks = memchr::memchr2_iter(b'\r', b'\n', text)
        .filter(|&i| !(text[i] == b'\n' && i > 0 && text[i - 1] == b'\r'))
        .count();
    let breaks = "\n".repeat(breaks);
    let rest = front.subtendril(end as u32, (bytes.len() - end) as u32);
    input.push_front(rest);
    input.push_front(StrTendril::from_slice(&breaks));
}

/// Where the raw text in `b` ends: the start of the first end tag `</name` (any case) that the tokenizer takes as
/// one (the name followed by whitespace, `/` or `>`), or the length of `b`.
pub(crate) fn raw_text_end(b: &[u8], name: &[u8]) -> usize {
    let mut i = 0;
    while let Some(e) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + e;
        let n = at + 2;
        if b.len() > n + name.len()
            && b[n..n + name.len()].eq_ignore_ascii_case(name)
            && matches!(
                b[n + name.len()],
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
            )
        {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

fn tag_token(kind: html5ever::tokenizer::TagKind, name: LocalName) -> Token {
    TagToken(Tag {
        kind,
        name,
        self_closing: false,
        attrs: Vec::new(),
    })
}

impl TokenSink for DepthGuard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        if let TagToken(tag) = &token {
            if self.drops(tag) {
                if hints::BLOCK_TAGS.contains(&&*tag.name) {
                    return self.forward(tag_token(StartTag, local_name!("br")), line);
                }
                return TokenSinkResult::Continue;
            }
        }
        let before = self.builder.sink.nodes.borrow().len();
        let droppable = match &token {
            TagToken(tag) if tag.kind == StartTag => droppable_text(tag),
            _ => None,
        };
        let result = self.forward(token, line);
        if let (Some((name, kind)), TokenSinkResult::RawData(switched), Some(input)) =
            (droppable, &result, &self.input)
        {
            // The tree builder has just switched the tokenizer to this element's text: only then is what follows
            // the start tag text, whatever the context (foreign content, framesets) made of the tag.
            if *switched == kind {
                drop_raw_text(input, name, kind == RawKind::ScriptData);
            }
        }
        // Elements the builder reopened for this token: formatting elements it created besides the token's own.
        let reopened: Vec<LocalName> = {
            let nodes = self.builder.sink.nodes.borrow();
            let created = nodes.len().saturating_sub(before);
            if created <= MAX_REOPENED_FORMATTING {
                return result;
            }
            nodes[before..]
                .iter()
                .filter_map(|n| match &n.data {
                    NodeData::Element { name, ns, .. }
                        if *ns == ns!(html) && FORMATTING_TAGS.contains(name) =>
                    {
                        Some(name.clone())
                    }
                    _ => None,
                })
                .collect()
        };
        if reopened.len() > MAX_REOPENED_FORMATTING {
            self.hit(|l| l.formatting = true);
            // Closing them, innermost first, takes them off the list of active formatting elements for good.
            for name in reopened.into_iter().rev() {
                let _ = self.forward(tag_token(EndTag, name), line);
            }
        }
        result
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree builder's view of the arena.
struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    /// Depth of each node in the tree when it was last inserted (template contents one below their template).
    depth: RefCell<Vec<u32>>,
    line: Cell<u32>,
    /// Depth of the builder's current node, as far as insertions and pops tell: the length of its stack of open
    /// elements, give or take a few for elements fostered out of tables.
    open_depth: Cell<u32>,
    /// Attribute names of the elements the builder merged attributes into (`<html>`, `<body>`), for linear merges.
    merged_attrs: RefCell<Vec<(NodeId, HashSet<QualName>)>>,
    /// Elements created and not yet popped, by local name: at least as many as the builder's stack holds.
    open_names: RefCell<HashMap<LocalName, u32>>,
}

/// An element name handed back to the tree builder; atoms are cheap to clone.
#[derive(Debug)]
pub struct OwnedName {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for OwnedName {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl ArenaSink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        self.push_into(&mut nodes, data)
    }

    fn push_into(&self, nodes: &mut Vec<Node>, data: NodeData) -> NodeId {
        nodes.push(Node::new(data, self.line.get()));
        self.depth.borrow_mut().push(0);
        (nodes.len() - 1) as NodeId
    }

    /// Record the depth of `child`, just inserted under `parent`; an element becomes the builder's current node.
    fn inserted(&self, nodes: &[Node], parent: NodeId, child: NodeId) {
        let mut depth = self.depth.borrow_mut();
        let d = depth
            .get(parent as usize)
            .map_or(0, |d| d.saturating_add(1));
        if let Some(slot) = depth.get_mut(child as usize) {
            *slot = d;
        }
        // A template's contents (the next node, detached) sit one below it.
        let contents = child as usize + 1;
        if matches!(nodes.get(contents), Some(n) if matches!(n.data, NodeData::Document) && n.parent == NONE)
        {
            if let Some(slot) = depth.get_mut(contents) {
                *slot = d.saturating_add(1);
            }
        }
        self.open_depth.set(d);
    }

    /// Whether an element of this name may be on the builder's stack of open elements.
    fn is_open(&self, name: &LocalName) -> bool {
        self.open_names.borrow().get(name).is_some_and(|&n| n > 0)
    }

    /// Text went into `parent`, so it is the builder's current node.
    fn text_into(&self, parent: NodeId) {
        let d = self
            .depth
            .borrow()
            .get(parent as usize)
            .copied()
            .unwrap_or(0);
        self.open_depth.set(d);
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next_sibling = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev_sibling = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev_sibling = NONE;
        n.next_sibling = NONE;
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent as usize].last_child;
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev_sibling = last;
        }
        if last != NONE {
            nodes[last as usize].next_sibling = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
        nodes[parent as usize].last_child = child;
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = {
            let s = &nodes[sibling as usize];
            (s.parent, s.prev_sibling)
        };
        if parent == NONE {
            return;
        }
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev_sibling = prev;
            c.next_sibling = sibling;
        }
        nodes[sibling as usize].prev_sibling = child;
        if prev != NONE {
            nodes[prev as usize].next_sibling = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
    }

    fn text_of(nodes: &mut [Node], id: NodeId) -> Option<&mut StrTendril> {
        match nodes.get_mut(id as usize).map(|n| &mut n.data) {
            Some(NodeData::Text(t)) => Some(t),
            _ => None,
        }
    }
}

impl TreeSink for ArenaSink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = OwnedName;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            limits: ParseLimits::default(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> OwnedName {
        match self.nodes.borrow().get(*target as usize).map(|n| &n.data) {
            Some(NodeData::Element { name, ns, .. }) => OwnedName {
                ns: ns.clone(),
                local: name.clone(),
            },
            // The tree builder only asks about elements; an empty name matches no rule.
            _ => OwnedName {
                ns: ns!(),
                local: local_name!(""),
            },
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let is_template = name.ns == ns!(html) && name.local == local_name!("template");
        *self
            .open_names
            .borrow_mut()
            .entry(name.local.clone())
            .or_default() += 1;
        let id = self.push(NodeData::Element {
            name: name.local,
            ns: name.ns,
            attrs,
        });
        if is_template {
            // The template's contents fragment is always the next node.
            self.push(NodeData::Document);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(c) => {
                Self::append_node(&mut nodes, *parent, c);
                self.inserted(&nodes, *parent, c);
            }
            NodeOrText::AppendText(t) => {
                self.text_into(*parent);
                let last = nodes[*parent as usize].last_child;
                if let Some(existing) = Self::text_of(&mut nodes, last) {
                    existing.push_tendril(&t);
                    return;
                }
                let c = self.push_into(&mut nodes, NodeData::Text(t));
                Self::append_node(&mut nodes, *parent, c);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let next = *target + 1;
        match self.nodes.borrow().get(next as usize).map(|n| &n.data) {
            Some(NodeData::Document) => next,
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        let parent = nodes[*sibling as usize].parent;
        match new_node {
            NodeOrText::AppendNode(c) => {
                Self::insert_before(&mut nodes, *sibling, c);
                self.inserted(&nodes, parent, c);
            }
            NodeOrText::AppendText(t) => {
                let prev = nodes[*sibling as usize].prev_sibling;
                if let Some(existing) = Self::text_of(&mut nodes, prev) {
                    existing.push_tendril(&t);
                    return;
                }
                let c = self.push_into(&mut nodes, NodeData::Text(t));
                Self::insert_before(&mut nodes, *sibling, c);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new_attrs: Vec<Attribute>) {
        if new_attrs.is_empty() {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        let Some(NodeData::Element { attrs, .. }) =
            nodes.get_mut(*target as usize).map(|n| &mut n.data)
        else {
            return;
        };
        // Repeated `<body>` tags each merge into one element: a name set keeps that linear.
        let mut merged = self.merged_attrs.borrow_mut();
        let i = match merged.iter().position(|(t, _)| t == target) {
            Some(i) => i,
            None => {
                merged.push((*target, attrs.iter().map(|a| a.name.clone()).collect()));
                merged.len() - 1
            }
        };
        let names = &mut merged[i].1;
        for a in new_attrs {
            if attrs.len() >= MAX_ATTRIBUTES {
                break;
            }
            if names.insert(a.name.clone()) {
                attrs.push(a);
            }
        }
    }

    fn pop(&self, node: &NodeId) {
        let d = self
            .depth
            .borrow()
            .get(*node as usize)
            .copied()
            .unwrap_or(0);
        self.open_depth.set(d.saturating_sub(1));
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut c = nodes[*node as usize].first_child;
        while c != NONE {
            let next = nodes[c as usize].next_sibling;
            Self::append_node(&mut nodes, *new_parent, c);
            c = next;
        }
    }

    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number.min(u32::MAX as u64) as u32);
    }
}

/// The page with every tag's attributes past the [`MAX_ATTRIBUTES`]th cut (newlines kept, so that line numbers
/// still match the raw page), or `None` when no tag has that many. One linear pass that follows the HTML
/// tokenizer closely enough to find tags: comments are skipped, and so is the text of elements whose contents are
/// not markup (`<script>`, `<style>`, ...).
fn cap_attributes(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `html` before `copied` are already in `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let start = i + lt;
        i = start + 1;
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = i + end_tag as usize;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if b[i..].starts_with(b"!--") {
                i = memchr::memmem::find(&b[i + 3..], b"-->").map_or(b.len(), |e| i + 3 + e + 3);
            } else if matches!(b.get(i), Some(b'!' | b'?')) {
                i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            }
            continue;
        }
        i = name_start;
        while i < b.len() && !matches!(b[i], b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>') {
            i += 1;
        }
        let name = &html[name_start..i];
        let mut attributes = 0usize;
        let mut cut_from = None;
        // Attributes, up to the closing `>`.
        loop {
            while i < b.len() && matches!(b[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            attributes += 1;
            if attributes > MAX_ATTRIBUTES && cut_from.is_none() {
                cut_from = Some(i);
            }
            // The name: its first character may be `=`.
            i += 1;
            while i < b.len()
                && !matches!(
                    b[i],
                    b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            while i < b.len() && matches!(b[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
                i += 1;
            }
            if b.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < b.len() && matches!(b[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                }
                _ => {
                    while i < b.len()
                        && !matches!(b[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'>')
                    {
                        i += 1;
                    }
                }
            }
        }
        if let Some(from) = cut_from {
            let s = out.get_or_insert_with(|| String::with_capacity(html.len()));
            s.push_str(&html[copied..from]);
            s.extend(std::iter::repeat_n(
                '\n',
                memchr::memchr_iter(b'\n', &b[from..i]).count(),
            ));
            copied = i;
        }
        if !end_tag {
            if let Some(raw) = RAW_TEXT_TAGS.iter().find(|t| name.eq_ignore_ascii_case(t)) {
                if *raw == local_name!("plaintext") {
                    break;
                }
                i = find_end_tag(b, i, raw.as_bytes());
            }
        }
    }
    let mut s = out?;
    s.push_str(&html[copied..]);
    Some(s)
}

/// Where the end tag `</name` (any case) starts at or after `from`, or the end of the input.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(e) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + e;
        let n = at + 2;
        if b.len() >= n + name.len() && b[n..n + name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    b.len()
}
