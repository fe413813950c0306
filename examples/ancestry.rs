//! Print the ancestors of the first element whose text starts with a phrase:
//! `cargo run --release --example ancestry -- page.html "Some text"`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let html = declutter::decode::decode_html(&std::fs::read(&args[1]).expect("readable file"));
    let dom = declutter::dom::Dom::parse(&html);
    let Some(ix) = (0..dom.len()).find(|&i| {
        dom.text_node(i)
            .is_some_and(|t| t.trim_start().starts_with(args[2].as_str()))
    }) else {
        println!("not found");
        return;
    };
    for a in std::iter::once(ix).chain(dom.ancestors(ix)) {
        let n = dom.node(a);
        println!(
            "<{}> class={:?} id={:?} hidden={} invisible={} chars={}",
            dom.tag(a).unwrap_or("#"),
            dom.attr(a, "class"),
            dom.attr(a, "id"),
            n.hidden,
            n.invisible,
            n.text_chars
        );
    }
}
