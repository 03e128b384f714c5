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

/// Deeper than this a selection is not measured; the parser's own limit is lower.
const MAX_NESTING: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Every field the executor would resolve, `__typename` and each alias included.
    pub fields: u64,
    /// Root fields of a mutation that are sign-in attempts.
    pub auth_mutations: u64,
}

/// Why a document could not be measured: it is malformed in a way validation refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unmeasurable {
    FragmentCycle,
    TooDeep,
}

pub fn measure(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
) -> Result<Cost, Unmeasurable> {
    let mut fields = Measure::new(document, |_, _| true);
    let total = fields.selection_set(&operation.selection_set.node, 0)?;
    let auth_mutations = if operation.ty == OperationType::Mutation {
        // Only the root level: a field's own children are never mutations.
        let mut auth = Measure::new(document, |name, depth| {
            depth == 0 && AUTH_MUTATIONS.contains(&name)
        });
        auth.selection_set(&operation.selection_set.node, 0)?
    } else {
        0
    };
    Ok(Cost {
        fields: total,
        auth_mutations,
    })
}

/// The most fields any one fragment expands to. Validation walks every fragment
/// definition, used or not, so an unused one must be bounded too.
pub fn largest_fragment(document: &ExecutableDocument) -> Result<u64, Unmeasurable> {
    let mut fields = Measure::new(document, |_, _| true);
    let mut largest = 0;
    for name in document.fragments.keys() {
        largest = largest.max(fields.fragment(name.as_str(), 0)?);
    }
    Ok(largest)
}

/// Counts the fields a predicate accepts (by name and field depth), through fragments.
struct Measure<'a, P> {
    fragments: &'a HashMap<async_graphql::Name, async_graphql::Positioned<FragmentDefinition>>,
    counts: P,
    /// Figures per fragment and field depth; `None` while the fragment is being measured.
    memo: HashMap<(&'a str, usize), Option<u64>>,
}

impl<'a, P: Fn(&str, usize) -> bool> Measure<'a, P> {
    fn new(document: &'a ExecutableDocument, counts: P) -> Self {
        Self {
            fragments: &document.fragments,
            counts,
            memo: HashMap::new(),
        }
    }

    fn selection_set(&mut self, set: &'a SelectionSet, depth: usize) -> Result<u64, Unmeasurable> {
        if depth > MAX_NESTING {
            return Err(Unmeasurable::TooDeep);
        }
        let mut total = 0u64;
        for item in &set.items {
            let figure = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let own = u64::from((self.counts)(field.name.node.as_str(), depth));
                    let children = if field.selection_set.node.items.is_empty() {
                        0
                    } else {
                        self.selection_set(&field.selection_set.node, depth + 1)?
                    };
                    own.saturating_add(children)
                }
                Selection::InlineFragment(inline) => {
                    self.selection_set(&inline.node.selection_set.node, depth)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str(), depth)?
                }
            };
            total = total.saturating_add(figure);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a str, depth: usize) -> Result<u64, Unmeasurable> {
        match self.memo.get(&(name, depth)) {
            Some(Some(figure)) => return Ok(*figure),
            Some(None) => return Err(Unmeasurable::FragmentCycle),
            None => {}
        }
        // An unknown fragment selects nothing here; validation reports it.
        let Some(definition) = self.fragments.get(name) else {
            return Ok(0);
        };
        self.memo.insert((name, depth), None);
        let figure = self.selection_set(&definition.node.selection_set.node, depth)?;
        self.memo.insert((name, depth), Some(figure));
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
        assert_eq!(cost("{ __typename }").map(|c| c.fields), Ok(1));
        assert_eq!(
            cost("{ a: clinics { totalCount } b: clinics { totalCount } }").map(|c| c.fields),
            Ok(4)
        );
        assert_eq!(
            cost("{ ...on Query { x: __typename y: __typename } }").map(|c| c.fields),
            Ok(2)
        );
    }

    #[test]
    fn fragments_count_at_every_spread() {
        let query = "{ clinics { ...C ...C } } fragment C on ClinicConnection { totalCount pageInfo { hasNextPage } }";
        assert_eq!(cost(query).map(|c| c.fields), Ok(1 + 2 * 3));
    }

    #[test]
    fn an_exponential_fragment_document_is_measured_not_expanded() {
        let figure = cost(&fragment_bomb(10)).expect("measured").fields;
        // 10 fields at each of 1 + 10 + … + 10^9 expansions.
        assert_eq!(figure, 10 * (10u64.pow(10) - 1) / 9);
        assert_eq!(cost(&fragment_bomb(40)).map(|c| c.fields), Ok(u64::MAX));
    }

    #[test]
    fn unused_fragments_are_measured_too() {
        let document =
            parse_query(fragment_bomb(10).replacen("query { ...F10 }", "{ __typename }", 1))
                .expect("parses");
        assert_eq!(
            largest_fragment(&document),
            Ok(10 * (10u64.pow(10) - 1) / 9)
        );
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
