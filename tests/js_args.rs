//! The wasm bindings' argument readers (`src/js_args.rs`) against the serde
//! derives they replace, through serde_json: on any JSON value shaped
//! roughly like an argument (fields missing, `null`, of the wrong type,
//! unknown), both accept the same values and read them the same.

use declutter::js_args;
use declutter::rules::{PathStep, RuleSet};
use declutter::{Metadata, Options};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// What `exportDocument` read before: the derive these mirror.
#[derive(Deserialize, Debug, PartialEq)]
struct ExportInput {
    metadata: Metadata,
    article: Option<ExportArticle>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExportArticle {
    html: String,
    text: String,
    markdown: String,
}

/// Any JSON leaf, or a small array.
fn scalar() -> BoxedStrategy<Value> {
    prop_oneof![
        plain(),
        prop::collection::vec("[a-z.#]{0,5}", 0..3).prop_map(|v| json!(v)),
        Just(json!([1, "a"])),
    ]
    .boxed()
}

/// Any JSON leaf or `{}`: what may stand where an object belongs (serde_json
/// reads an array there as the struct's fields in order, JavaScript's
/// deserialiser did not: not compared).
fn plain() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        (0u64..5000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e30f64..1e30).prop_map(Value::from),
        "[a-z\u{e9}\"\\\\]{0,6}".prop_map(Value::String),
        Just(json!({})),
    ]
    .boxed()
}

/// An object with some of `fields` and maybe an unknown one.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let (names, values): (Vec<_>, Vec<_>) = fields
        .into_iter()
        .map(|(name, value)| (name, prop::option::of(value)))
        .unzip();
    (values, prop::option::of(scalar()))
        .prop_map(move |(values, extra)| {
            let mut map = Map::new();
            for (name, value) in names.iter().zip(values) {
                if let Some(value) = value {
                    map.insert(name.to_string(), value);
                }
            }
            if let Some(extra) = extra {
                map.insert("other".into(), extra);
            }
            Value::Object(map)
        })
        .boxed()
}

/// A field holding an object: `inner`, or anything but an array.
fn nested(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![inner, plain()].boxed()
}

fn site_rules() -> BoxedStrategy<Value> {
    object(vec![("hide", scalar()), ("keep", scalar())])
}

fn options() -> BoxedStrategy<Value> {
    object(vec![
        ("char_threshold", scalar()),
        ("words_per_minute", scalar()),
        ("max_elements", scalar()),
        ("rules", nested(site_rules())),
    ])
}

fn rule_set() -> BoxedStrategy<Value> {
    let sites = prop::collection::btree_map("[a-z.]{0,6}", nested(site_rules()), 0..4)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
        .boxed();
    object(vec![("version", scalar()), ("sites", nested(sites))])
}

fn path() -> BoxedStrategy<Value> {
    let step = object(vec![
        ("tag", scalar()),
        ("id", scalar()),
        ("classes", scalar()),
        ("nthOfType", scalar()),
    ]);
    prop_oneof![
        prop::collection::vec(nested(step), 0..4).prop_map(Value::Array),
        plain()
    ]
    .boxed()
}

fn export_input() -> BoxedStrategy<Value> {
    let text = || prop_oneof!["[a-z<>]{0,4}".prop_map(Value::String), scalar()].boxed();
    let metadata = object(
        [
            "title",
            "byline",
            "site_name",
            "published_time",
            "language",
            "direction",
            "lead_image",
            "excerpt",
        ]
        .into_iter()
        .map(|name| (name, text()))
        .collect(),
    );
    let article = object(vec![
        ("html", text()),
        ("text", text()),
        ("markdown", text()),
    ]);
    object(vec![
        ("metadata", nested(metadata)),
        ("article", nested(article)),
        ("clutter", scalar()),
    ])
}

/// Both accept `text` or both refuse it, and read the same.
fn same<T: std::fmt::Debug, U: for<'de> Deserialize<'de> + std::fmt::Debug>(
    ours: Result<T, String>,
    text: &str,
    view: impl Fn(U) -> T,
) {
    let theirs = serde_json::from_str::<U>(text).map(view);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text}: ours {ours:?}, serde {theirs:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn options_as_derived(v in options()) {
        let text = v.to_string();
        same(js_args::options(&text), &text, |o: Options| o);
    }

    #[test]
    fn rule_sets_as_derived(v in rule_set()) {
        let text = v.to_string();
        same(js_args::rule_set(&text), &text, |s: RuleSet| s);
    }

    #[test]
    fn paths_as_derived(v in path()) {
        let text = v.to_string();
        same(js_args::path(&text), &text, |p: Vec<PathStep>| p);
    }

    #[test]
    fn export_inputs_as_derived(v in export_input()) {
        let text = v.to_string();
        let ours = js_args::export_input(&text).map(|e| {
            let article = e.article.map(|a| (a.html, a.text, a.markdown));
            (format!("{:?}", e.metadata), article)
        });
        same(ours, &text, |e: ExportInput| {
            (
                format!("{:?}", e.metadata),
                e.article.map(|a| (a.html, a.text, a.markdown)),
            )
        });
    }
}

#[test]
fn what_the_extension_passes() {
    let o =
        js_args::options(r#"{"rules":{"hide":["div.ad"],"keep":[]},"max_elements":10}"#).unwrap();
    assert_eq!(
        (o.rules.hide, o.max_elements, o.char_threshold),
        (vec!["div.ad".to_string()], 10, 500)
    );
    let s = js_args::rule_set(r#"{"version":1,"sites":{"a.org":{"hide":["p"]}}}"#).unwrap();
    assert_eq!(s.sites.keys().collect::<Vec<_>>(), ["a.org"]);
    let p = js_args::path(r#"[{"tag":"DIV","id":null,"classes":["x"],"nthOfType":2}]"#).unwrap();
    assert_eq!((p[0].tag.as_str(), p[0].nth_of_type), ("DIV", 2));
    assert!(js_args::export_input(r#"{"article":null}"#).is_err());
}
