//! What an operation asks for once its fragments are expanded, measured on the document
//! before anything runs. A fragment is measured once and its figure reused at every
//! spread, so a document whose fragments spread each other exponentially is measured in
//! time linear in its size (and refused), instead of being expanded.

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, OperationDefinition, OperationType, Selection,
    SelectionSet,
};

/// Root mutation fields that check a secret; each is an attempt a throttle must count.
pub const AUTH_MUTATIONS: [&str; 5] = [
    "login",
    "register",
    "refreshToken",
    "partnerToken",
    "changePassword",
];

/// Nesting of fields, fragment spreads and inline fragments beyond which a document is
/// refused: async-graphql's own recursion limit (set in `build_schema`) is the same.
const MAX_NESTING: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Every selection the executor and validation would walk once fragments are
    /// expanded: fields (`__typename` and each alias included), spreads and inline
    /// fragments.
    pub selections: u64,
    /// Root fields of a mutation that are sign-in attempts.
    pub auth_mutations: u64,
}

/// Why a document could not be measured: it is malformed in a way validation refuses,
/// but which async-graphql would walk (unbounded) before validating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unmeasurable {
    FragmentCycle,
    TooDeep,
    UnknownFragment,
}

pub fn measure(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
) -> Result<Cost, Unmeasurable> {
    let mut all = Measure::new(document, |_, _| true);
    let selections = all.selection_set(&operation.selection_set.node, true, 0)?;
    let auth_mutations = if operation.ty == OperationType::Mutation {
        // Only at the root: a field's own children are never mutations.
        let mut auth = Measure::new(document, |name, root| {
            root && name.is_some_and(|name| AUTH_MUTATIONS.contains(&name))
        });
        auth.selection_set(&operation.selection_set.node, true, 0)?
    } else {
        0
    };
    Ok(Cost {
        selections,
        auth_mutations,
    })
}

/// The most selections any one fragment expands to. Validation walks every fragment
/// definition, used or not, so an unused one must be bounded too.
pub fn largest_fragment(document: &ExecutableDocument) -> Result<u64, Unmeasurable> {
    let mut all = Measure::new(document, |_, _| true);
    let mut largest = 0;
    for name in document.fragments.keys() {
        largest = largest.max(all.fragment(name.as_str(), true, 0)?);
    }
    Ok(largest)
}

/// Counts the selections a predicate accepts (given a field's name, or `None` for a
/// spread or inline fragment, and whether it stands at the root), through fragments.
struct Measure<'a, P> {
    fragments: &'a HashMap<async_graphql::Name, async_graphql::Positioned<FragmentDefinition>>,
    counts: P,
    /// Figures per fragment, at the root or below; `None` while being measured.
    memo: HashMap<(&'a str, bool), Option<u64>>,
}

impl<'a, P: Fn(Option<&str>, bool) -> bool> Measure<'a, P> {
    fn new(document: &'a ExecutableDocument, counts: P) -> Self {
        Self {
            fragments: &document.fragments,
            counts,
            memo: HashMap::new(),
        }
    }

    fn selection_set(
        &mut self,
        set: &'a SelectionSet,
        root: bool,
        nesting: usize,
    ) -> Result<u64, Unmeasurable> {
        if nesting > MAX_NESTING {
            return Err(Unmeasurable::TooDeep);
        }
        let mut total = 0u64;
        for item in &set.items {
            let figure = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let own = u64::from((self.counts)(Some(field.name.node.as_str()), root));
                    let children = if field.selection_set.node.items.is_empty() {
                        0
                    } else {
                        self.selection_set(&field.selection_set.node, false, nesting + 1)?
                    };
                    own.saturating_add(children)
                }
                Selection::InlineFragment(inline) => {
                    let own = u64::from((self.counts)(None, root));
                    let inner =
                        self.selection_set(&inline.node.selection_set.node, root, nesting + 1)?;
                    own.saturating_add(inner)
                }
                Selection::FragmentSpread(spread) => {
                    let own = u64::from((self.counts)(None, root));
                    let name = spread.node.fragment_name.node.as_str();
                    own.saturating_add(self.fragment(name, root, nesting + 1)?)
                }
            };
            total = total.saturating_add(figure);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a str, root: bool, nesting: usize) -> Result<u64, Unmeasurable> {
        match self.memo.get(&(name, root)) {
            Some(Some(figure)) => return Ok(*figure),
            Some(None) => return Err(Unmeasurable::FragmentCycle),
            None => {}
        }
        let definition = self
            .fragments
            .get(name)
            .ok_or(Unmeasurable::UnknownFragment)?;
        self.memo.insert((name, root), None);
        let figure = self.selection_set(&definition.node.selection_set.node, root, nesting)?;
        self.memo.insert((name, root), Some(figure));
        Ok(figure)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn cost(query: &str) -> Result<Cost, Unmeasurable> {
        let document = parse_query(query).expect("parses");
        let (_, operation) = document.operations.iter().next().expect("an operation");
        measure(&document, &operation.node)
    }

    /// Ten fragments, each spreading the one below ten times beside ten aliases.
    fn fragment_bomb(levels: usize) -> String {
        let aliases: String = (0..10).map(|i| format!("t{i}: __typename ")).collect();
        let mut query = format!("query {{ ...F{levels} }}\nfragment F1 on Query {{ {aliases}}}\n");
        for level in 2..=levels {
            let spreads = format!("...F{} ", level - 1).repeat(10);
            query.push_str(&format!(
                "fragment F{level} on Query {{ {aliases}{spreads}}}\n"
            ));
        }
        query
    }

    #[test]
    fn every_field_counts_typename_and_aliases_included() {
        assert_eq!(cost("{ __typename }").map(|c| c.selections), Ok(1));
        assert_eq!(
            cost("{ a: clinics { totalCount } b: clinics { totalCount } }").map(|c| c.selections),
            Ok(4)
        );
        assert_eq!(
            cost("{ ...on Query { x: __typename y: __typename } }").map(|c| c.selections),
            Ok(3),
            "the inline fragment and its two fields"
        );
    }

    #[test]
    fn fragments_count_at_every_spread() {
        let query = "{ clinics { ...C ...C } } fragment C on ClinicConnection { totalCount pageInfo { hasNextPage } }";
        assert_eq!(cost(query).map(|c| c.selections), Ok(1 + 2 * (1 + 3)));
    }

    #[test]
    fn an_exponential_fragment_document_is_measured_not_expanded() {
        let figure = cost(&fragment_bomb(10)).expect("measured").selections;
        // F1 selects 10 fields; each level above, 10 fields and 10 spreads of the one
        // below; the operation, one spread of F10.
        let level = (2..=10).fold(10u64, |below, _| 10 + 10 * (1 + below));
        assert_eq!(figure, 1 + level);
        assert_eq!(cost(&fragment_bomb(40)).map(|c| c.selections), Ok(u64::MAX));
    }

    #[test]
    fn unused_fragments_are_measured_too() {
        let document =
            parse_query(fragment_bomb(10).replacen("query { ...F10 }", "{ __typename }", 1))
                .expect("parses");
        let level = (2..=10).fold(10u64, |below, _| 10 + 10 * (1 + below));
        assert_eq!(largest_fragment(&document), Ok(level));
    }

    #[test]
    fn spreads_count_so_fragments_of_nothing_cannot_hide_an_expansion() {
        // Each fragment spreads the one below ten times and selects nothing else.
        let mut query = String::from("{ ...F8 } fragment F1 on Query { __typename }\n");
        for level in 2..=8 {
            let spreads = format!("...F{} ", level - 1).repeat(10);
            query.push_str(&format!("fragment F{level} on Query {{ {spreads}}}\n"));
        }
        assert!(cost(&query).expect("measured").selections > 10u64.pow(7));
    }

    #[test]
    fn unknown_fragments_and_long_chains_are_refused_unwalked() {
        assert_eq!(cost("{ ...Missing }"), Err(Unmeasurable::UnknownFragment));
        let mut chain = String::from("{ ...F0 }\n");
        for i in 0..100 {
            chain.push_str(&format!("fragment F{i} on Query {{ ...F{} }}\n", i + 1));
        }
        chain.push_str("fragment F100 on Query { __typename }");
        assert_eq!(cost(&chain), Err(Unmeasurable::TooDeep));
    }

    #[test]
    fn fragment_cycles_cannot_be_measured() {
        let query = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
        assert_eq!(cost(query), Err(Unmeasurable::FragmentCycle));
    }

    #[test]
    fn sign_in_attempts_are_counted_at_the_root_only() {
        let query = "mutation { a: login(input: {}) { accessToken } b: login(input: {}) { accessToken } ...R }
            fragment R on Mutation { register(input: {}) { accessToken } createClinic { login } }";
        assert_eq!(cost(query).map(|c| c.auth_mutations), Ok(3));
        assert_eq!(
            cost("{ login register }").map(|c| c.auth_mutations),
            Ok(0),
            "queries are never sign-in attempts"
        );
    }
}
