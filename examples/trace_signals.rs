//! Every clutter signal of one page before the plan: seed, grown block, kind.
//! cargo run --release --example trace_signals -- page.html [--at SELECTOR]
//! With `--at`, the evidence of the elements a selector (the user rules'
//! grammar) names and of their three nearest ancestors instead.
use declutter::dom::Dom;
use declutter::rules::RuleSelector;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("page.html");
    let html = std::fs::read_to_string(path).expect("read");
    let dom = Dom::parse(&html);
    let describe = |ix| {
        format!(
            "<{} class={:?} id={:?}> {} chars{}",
            dom.tag(ix).unwrap_or(""),
            dom.attr(ix, "class").unwrap_or(""),
            dom.attr(ix, "id").unwrap_or(""),
            dom.node(ix).text_chars,
            if dom.node(ix).invisible {
                " invisible"
            } else {
                ""
            }
        )
    };
    if let Some(at) = args.iter().position(|a| a == "--at") {
        let selector =
            RuleSelector::parse(args.get(at + 1).expect("--at SELECTOR")).expect("selector");
        for ix in selector.select(&dom) {
            let mut node = Some(ix);
            for _ in 0..4 {
                let Some(n) = node else { break };
                println!(
                    "{}\n    {}",
                    describe(n),
                    declutter::clutter::evidence_of(&dom, n)
                );
                node = dom.parent(n);
            }
            for s in declutter::clutter::detect(&dom).blocks {
                if dom.contains(s.node, ix) || dom.contains(ix, s.node) {
                    println!(
                        "signal {} seed {} grown {}",
                        s.kind.as_str(),
                        describe(s.seed),
                        describe(s.node)
                    );
                }
            }
        }
        return;
    }
    for s in declutter::clutter::detect(&dom).blocks {
        println!(
            "{:<20} seed {}\n{:<20} grown {}\n{:<20} {:?}",
            s.kind.as_str(),
            describe(s.seed),
            "",
            describe(s.node),
            "",
            dom.text_start(s.node, 70)
        );
    }
}
