//! A compact arena DOM built by html5ever's tree builder.
//!
//! Nodes live in one `Vec` and link to each other by index, which keeps the tree small and cheap to walk. Only what
//! extraction needs is kept: element names, attributes, text, and the source line each node started on (html5ever
//! reports lines, not byte offsets; [`LineIndex`] turns a line into the byte offset of its start).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, parse_document, Attribute, LocalName, Namespace, QualName};

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

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parse a whole HTML document. Never fails: HTML5 parsing recovers from any input.
    pub fn parse(html: &str) -> Dom {
        let sink = ArenaSink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document, 1)]),
            line: Cell::new(1),
        };
        parse_document(sink, Default::default()).one(StrTendril::from_slice(html))
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

/// The tree builder's view of the arena.
struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    line: Cell<u32>,
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
        nodes.push(Node::new(data, self.line.get()));
        (nodes.len() - 1) as NodeId
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
            NodeOrText::AppendNode(c) => Self::append_node(&mut nodes, *parent, c),
            NodeOrText::AppendText(t) => {
                let last = nodes[*parent as usize].last_child;
                if let Some(existing) = Self::text_of(&mut nodes, last) {
                    existing.push_tendril(&t);
                    return;
                }
                nodes.push(Node::new(NodeData::Text(t), self.line.get()));
                let c = (nodes.len() - 1) as NodeId;
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
        match new_node {
            NodeOrText::AppendNode(c) => Self::insert_before(&mut nodes, *sibling, c),
            NodeOrText::AppendText(t) => {
                let prev = nodes[*sibling as usize].prev_sibling;
                if let Some(existing) = Self::text_of(&mut nodes, prev) {
                    existing.push_tendril(&t);
                    return;
                }
                nodes.push(Node::new(NodeData::Text(t), self.line.get()));
                let c = (nodes.len() - 1) as NodeId;
                Self::insert_before(&mut nodes, *sibling, c);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new_attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(NodeData::Element { attrs, .. }) =
            nodes.get_mut(*target as usize).map(|n| &mut n.data)
        {
            for a in new_attrs {
                if !attrs.iter().any(|e| e.name == a.name) {
                    attrs.push(a);
                }
            }
        }
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
