use onmessage::config::Config;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::PathBuf::from(&args[1]);
    let config = match Config::find(&root) {
        Some(p) => Config::load(&p).unwrap(),
        None => Config {
            root: root.clone(),
            ..Config::default()
        },
    };
    let t = std::time::Instant::now();
    let c = onmessage::discover::discover(&config, &[]).unwrap();
    eprintln!("discover {} files in {:?}", c.len(), t.elapsed());
    let mut bytes = 0;
    let mut blocks = 0;
    let mut fm_err = 0;
    let mut dirs = 0;
    let mut theirs = 0;
    let t = std::time::Instant::now();
    for cand in &c {
        let Ok(text) = std::fs::read_to_string(&cand.abs) else {
            continue;
        };
        bytes += text.len();
        let doc = onmessage::markdown::parse(&cand.rel, text, &config.speakers);
        blocks += doc.blocks.len();
        dirs += doc.directives.len();
        theirs += doc
            .blocks
            .iter()
            .filter(|b| b.side == onmessage::markdown::Side::Theirs)
            .count();
        if let Some((s, m)) = &doc.front_matter_error {
            fm_err += 1;
            if fm_err < 5 {
                eprintln!("{}:{:?}: {m}", doc.path, doc.position(s.start));
            }
        }
        for b in doc.blocks.iter().filter(|b| b.speaker.is_some()).take(3) {
            eprintln!(
                "SPK {} {:?} {:?}: {}",
                doc.path,
                b.speaker,
                b.side,
                b.text.chars().take(40).collect::<String>()
            );
        }
        if args.len() > 2 && doc.path.contains(&args[2]) {
            for b in &doc.blocks {
                println!(
                    "{:?} {:?} {:?} {:?} | {}",
                    b.kind,
                    b.side,
                    b.speaker,
                    doc.position(b.span.start),
                    b.text
                );
            }
        }
    }
    eprintln!("parsed {bytes} bytes, {blocks} blocks, {fm_err} fm errors, {dirs} directives, {theirs} theirs in {:?}", t.elapsed());
}
#[allow(dead_code)]
fn unused() {}
