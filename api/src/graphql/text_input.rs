//! Every string a request carries, in variables or written into the document, is refused
//! when it holds a control character (NUL included) other than tab and line breaks. This
//! one check covers every text input of every operation, present and future; the domain
//! validators add their own, stricter rules per field.

use async_graphql::{
    Name, Variables,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

/// The input at fault, as a dotted path from the variable or argument name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlCharacter {
    pub field: String,
}

fn allowed(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

pub fn check(document: &ExecutableDocument, variables: &Variables) -> Result<(), ControlCharacter> {
    for (name, value) in variables.iter() {
        const_value(value, &mut name.to_string())?;
    }
    // A variable's default stands in when the request leaves the variable out.
    for (_, operation) in document.operations.iter() {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                const_value(&default.node, &mut definition.node.name.node.to_string())?;
            }
        }
    }
    let mut sets: Vec<&SelectionSet> = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .chain(
            document
                .fragments
                .values()
                .map(|f| &f.node.selection_set.node),
        )
        .collect();
    while let Some(set) = sets.pop() {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let directive_arguments = field
                        .node
                        .directives
                        .iter()
                        .flat_map(|directive| &directive.node.arguments);
                    for (name, value) in field.node.arguments.iter().chain(directive_arguments) {
                        literal(&value.node, &mut name.node.to_string())?;
                    }
                    sets.push(&field.node.selection_set.node);
                }
                Selection::InlineFragment(inline) => sets.push(&inline.node.selection_set.node),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    Ok(())
}

fn string(text: &str, path: &str) -> Result<(), ControlCharacter> {
    if text.chars().all(allowed) {
        Ok(())
    } else {
        Err(ControlCharacter {
            field: path.to_owned(),
        })
    }
}

fn with_key<T>(
    path: &mut String,
    key: &Name,
    inner: impl FnOnce(&mut String) -> Result<T, ControlCharacter>,
) -> Result<T, ControlCharacter> {
    let length = path.len();
    path.push('.');
    path.push_str(key);
    let result = inner(path);
    path.truncate(length);
    result
}

fn const_value(value: &async_graphql::Value, path: &mut String) -> Result<(), ControlCharacter> {
    use async_graphql::Value;
    match value {
        Value::String(text) => string(text, path),
        Value::List(items) => items.iter().try_for_each(|item| const_value(item, path)),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(key, item)| with_key(path, key, |path| const_value(item, path))),
        _ => Ok(()),
    }
}

fn literal(value: &async_graphql_value::Value, path: &mut String) -> Result<(), ControlCharacter> {
    use async_graphql_value::Value;
    match value {
        Value::String(text) => string(text, path),
        Value::List(items) => items.iter().try_for_each(|item| literal(item, path)),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(key, item)| with_key(path, key, |path| literal(item, path))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;
    use serde_json::json;

    use super::*;

    fn verdict(query: &str, variables: serde_json::Value) -> Result<(), ControlCharacter> {
        let document = parse_query(query).expect("parses");
        check(&document, &Variables::from_json(variables))
    }

    fn at(field: &str) -> Result<(), ControlCharacter> {
        Err(ControlCharacter {
            field: field.into(),
        })
    }

    #[test]
    fn control_characters_in_variables_are_found_by_path() {
        let query = "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }";
        let nul = json!({ "input": { "email": "a@b.c", "name": "Ana\u{0}" } });
        assert_eq!(verdict(query, nul), at("input.name"));
        let escape = json!({ "input": { "tags": ["ok", "bad\u{1b}[31m"] } });
        assert_eq!(verdict(query, escape), at("input.tags"));
        let bell = json!({ "note": "\u{7}" });
        assert_eq!(verdict(query, bell), at("note"));
    }

    #[test]
    fn control_characters_written_into_the_document_are_found() {
        let query =
            r#"mutation { login(input: { email: "a\u0000@b.c", password: "x" }) { accessToken } }"#;
        assert_eq!(verdict(query, json!({})), at("input.email"));
        let in_fragment = r#"{ ...F } fragment F on Query { clinic(id: "\u0085") { name } }"#;
        assert_eq!(verdict(in_fragment, json!({})), at("id"));
    }

    #[test]
    fn variable_defaults_are_checked_like_variables() {
        let query = r#"mutation($m: String = "x\u0000") { requestCallback(message: $m) { id } }"#;
        assert_eq!(verdict(query, json!({})), at("m"));
    }

    #[test]
    fn tabs_line_breaks_and_other_text_pass() {
        let query = "mutation($m: String) { requestCallback(message: $m) { id } }";
        let text = json!({ "m": "Line one\r\nline\ttwo — café, 東京, 🏃" });
        assert_eq!(verdict(query, text), Ok(()));
    }
}
