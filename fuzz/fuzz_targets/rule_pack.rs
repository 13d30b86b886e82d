//! Rule-pack and config loading: any bytes give a loaded rule set or an error
//! naming the file, never a panic. (Alias bombs and deep nesting must stay
//! bounded too: libFuzzer's -timeout and -rss_limit_mb flag them.)
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use onmessage::config::Config;
use onmessage::rules::{RuleSet, RulesConfig};

/// One folder per fuzzing process for the pack file.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("onmessage-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|text: &str| {
    let root = dir();
    if let Err(e) = Config::from_yaml(&root.join("onmessage.yml"), text) {
        assert!(e.message.contains("onmessage.yml"), "{}", e.message);
    }
    std::fs::write(root.join("pack.yml"), text).unwrap();
    let config = Config {
        root: root.clone(),
        rules: RulesConfig {
            packs: vec!["pack.yml".to_string()],
            ..RulesConfig::default()
        },
        ..Config::default()
    };
    if let Err(e) = RuleSet::load(&config, &[]) {
        assert!(e.message.contains("pack.yml"), "{}", e.message);
        assert!(!e.message.contains('\n'), "{}", e.message);
    }
});
