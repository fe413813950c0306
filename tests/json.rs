//! The JSON-LD reader (`src/json.rs`) against serde_json, by property:
//! any JSON value serde_json writes (compact or pretty) reads back as the
//! same tree, and on JSON-like text the two accept and refuse the same
//! inputs (the differential check of `oracle::json_target`, shared with
//! the `json` fuzz target).

use proptest::prelude::*;
use serde_json::Value;

mod oracle;

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/proptest-regressions/json.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\"\\\\/ a-z\u{e9}\u{1f600}]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z@]{0,4}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Text built from JSON's own pieces, mostly not valid JSON.
fn json_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just(","),
        Just(":"),
        Just("\""),
        Just("\\"),
        Just("\\u"),
        Just("d83d"),
        Just("de00"),
        Just("00e9"),
        Just("n"),
        Just("true"),
        Just("null"),
        Just("-"),
        Just("0"),
        Just("12"),
        Just("."),
        Just("e+"),
        Just(" "),
        Just("\n"),
        Just("\u{1}"),
        Just("é"),
        Just("a"),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn what_serde_json_writes_reads_back_the_same(v in value()) {
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            let ours = declutter::json::parse(&text);
            prop_assert!(ours.is_some(), "refused {text:?}");
            prop_assert!(oracle::json_same(ours.as_ref().unwrap(), &v), "read differently: {text:?}");
        }
    }

    #[test]
    fn accepts_and_refuses_as_serde_json_does(text in json_like()) {
        oracle::json_target(text.as_bytes());
    }
}

#[test]
fn the_corpus_json_ld_reads_as_serde_json_reads_it() {
    let dir = std::path::Path::new("../shared/corpus/readability");
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("no corpus at {}: the tests need ../shared", dir.display());
    };
    let mut blocks = 0;
    for entry in entries.flatten() {
        let Ok(page) = std::fs::read_to_string(entry.path().join("source.html")) else {
            continue;
        };
        let mut rest = page.as_str();
        while let Some(start) = rest.find("application/ld+json") {
            rest = &rest[start..];
            let Some(open) = rest.find('>') else { break };
            let Some(close) = rest.find("</script") else {
                break;
            };
            if open < close {
                oracle::json_target(rest[open + 1..close].trim().as_bytes());
                blocks += 1;
            }
            rest = &rest[close..];
        }
    }
    assert!(
        blocks >= 10,
        "only {blocks} JSON-LD blocks found in the corpus"
    );
}
