fn main() {
    let path = std::env::args().nth(1).unwrap();
    let html = declutter::decode::decode_html(&std::fs::read(path).unwrap());
    let dom = declutter::dom::Dom::parse(&html);
    let signals = declutter::clutter::detect(&dom);
    let meta = declutter::metadata::read(&dom, None);
    let found = declutter::article::find(&dom, &signals, &meta, &declutter::Options::default());
    println!("{:?}", found.as_ref().map(|f| (&f.parts, f.removed.len())));
    if let Some(f) = found {
        for p in &f.parts { println!("part {} {:?} {:?}", p, dom.tag(*p), dom.attr(*p, "class")); }
        let html = declutter::clean::article_html(&dom, &f, None);
        println!("{}", &html[..html.len().min(3000)]);
    }
}
