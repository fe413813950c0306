//! Every clutter signal of one page before the plan: seed, grown block, kind.
//! cargo run --release --example trace_signals -- page.html
use declutter::dom::Dom;
fn main() {
    let path = std::env::args().nth(1).expect("page.html");
    let html = std::fs::read_to_string(path).expect("read");
    let dom = Dom::parse(&html);
    for s in declutter::clutter::detect(&dom).blocks {
        let describe = |ix| {
            format!(
                "<{} class={:?} id={:?}> {} chars",
                dom.tag(ix).unwrap_or(""),
                dom.attr(ix, "class").unwrap_or(""),
                dom.attr(ix, "id").unwrap_or(""),
                dom.node(ix).text_chars
            )
        };
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
