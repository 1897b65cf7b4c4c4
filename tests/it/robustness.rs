//! Trustworthy runs: encodings, bad input, strict mode, schema violations, atomic publish.

use super::common::*;
use std::path::Path;
use std::time::Duration;

const ZH_HANS: &str = "2018年3月25日至28日，朝鲜劳动党委员长金正恩乘坐专列抵达北京，同中共中央总书记习近平举行会谈。习近平指出，中朝传统友谊是双方共同的宝贵财富。金正恩表示，朝中友谊弥足珍贵。";
const ZH_HANT: &str =
    "2019年1月8日，中共中央對外聯絡部證實，金正恩於1月7日至10日應習近平邀請對中國進行訪問。習近平強調，中方願同朝方加強戰略溝通。";
const EN: &str = "BEIJING, Sept. 4 (Xinhua) -- Xi Jinping held talks with Kim Jong Un in Beijing on Thursday. China and the DPRK are good neighbors, Xi said.";
const EN2: &str = "Mike Pompeo visited Pyongyang on July 6, 2018. Kim Jong Un said the talks were productive.";

fn encode(enc: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
    let (b, _, bad) = enc.encode(s);
    assert!(!bad, "test text must be encodable");
    b.into_owned()
}

fn messy_folder(dir: &Path) {
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("gbk.txt"), encode(encoding_rs::GBK, ZH_HANS)).expect("write");
    std::fs::write(dir.join("big5.txt"), encode(encoding_rs::BIG5, ZH_HANT)).expect("write");
    let mut u16 = vec![0xFF, 0xFE];
    for unit in EN.encode_utf16() {
        u16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.join("utf16.txt"), u16).expect("write");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(EN2.as_bytes());
    std::fs::write(dir.join("bom.txt"), &bom).expect("write");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
    std::fs::write(dir.join("image.bin"), (0u8..=255).cycle().take(4096).collect::<Vec<u8>>()).expect("write");
    std::fs::write(dir.join("zz_duplicate.txt"), &bom).expect("write");
}

#[test]
fn encodings_are_detected_and_bad_files_rejected_with_reasons() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    messy_folder(&raw);
    let out = t.path().join("out");
    let o = run(&raw, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = read_csv(&out.join("documents.csv"));
    let enc: Vec<(String, String)> = docs.iter().map(|d| (d["doc_id"].clone(), d["encoding"].clone())).collect();
    assert_eq!(
        enc,
        vec![
            ("big5".to_string(), "big5".to_string()),
            ("bom".to_string(), "utf-8-bom".to_string()),
            ("gbk".to_string(), "gbk".to_string()),
            ("utf16".to_string(), "utf-16le".to_string()),
        ]
    );
    let issues: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("issues.json")).expect("issues")).expect("json");
    let rejected: Vec<(String, String)> = issues["rejected"]
        .as_array()
        .expect("array")
        .iter()
        .map(|i| (i["file"].as_str().expect("file").to_string(), i["code"].as_str().expect("code").to_string()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            ("empty.txt".to_string(), "empty-file".to_string()),
            ("image.bin".to_string(), "binary-file".to_string()),
            ("zz_duplicate.txt".to_string(), "duplicate-content".to_string()),
        ]
    );
    let err = stderr(&o);
    for f in ["empty.txt", "image.bin", "zz_duplicate.txt"] {
        assert!(err.lines().any(|l| l.contains(f)), "stderr names {f}: {err}");
    }
    // The decoded text is read: the GBK article yields its visit and statements.
    let visits = read_csv(&out.join("visits.csv"));
    assert!(visits.iter().any(|v| v["visitor_id"] == "KJU" && v["host_country"] == "CHN" && v["start_date"] == "2018-03-25"));
    // The duplicate's records go with it (they were read, and bucketed, before it was found to
    // be one): no evidence from it, and each visit counts only the documents of its mentions.
    let mentions = read_csv(&out.join("mentions.csv"));
    assert!(mentions.iter().any(|m| m["doc_id"] == "bom"), "the kept copy has mentions");
    assert!(mentions.iter().all(|m| m["doc_id"] != "zz_duplicate"));
    for v in &visits {
        let mut docs: Vec<&str> = mentions.iter().filter(|m| m["record_id"] == v["visit_id"]).map(|m| m["doc_id"].as_str()).collect();
        docs.sort();
        docs.dedup();
        assert_eq!(v["n_sources"], docs.len().to_string(), "{}", v["visit_id"]);
    }
    // --strict: non-zero, nothing published, the previous output untouched.
    let before = snapshot(&out);
    let o = run(&raw, &out, &["--strict"]);
    assert!(!o.status.success());
    assert_eq!(snapshot(&out), before);
}

/// A defect in the rules that panics on one file (injected here) rejects that file with the
/// reason; the other files publish, and `--strict` fails the run.
#[test]
fn a_file_the_rules_fail_on_is_rejected_and_the_rest_publish() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::write(raw.join("a.txt"), EN).expect("write");
    std::fs::write(raw.join("b.txt"), EN2).expect("write");
    let out = t.path().join("out");
    let r = root();
    let go = |strict: bool| {
        let mut c = cnkp();
        c.arg("run").arg("--raw").arg(&raw).arg("--out").arg(&out);
        c.arg("--reference").arg(r.join("reference")).arg("--schemas").arg(r.join("schemas"));
        if strict {
            c.arg("--strict");
        }
        c.env("CNKP_FAULT_INJECT", "b.txt").output().expect("cnkp runs")
    };
    let o = go(false);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.iter().map(|d| d["doc_id"].as_str()).collect::<Vec<_>>(), ["a"]);
    let issues: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("issues.json")).expect("issues")).expect("json");
    let rejected = issues["rejected"].as_array().expect("array");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["file"], "b.txt");
    assert_eq!(rejected[0]["code"], "internal-error");
    assert!(rejected[0]["message"].as_str().expect("message").contains("fault injected"));
    let before = snapshot(&out);
    assert!(!go(true).status.success());
    assert_eq!(snapshot(&out), before);
}

#[test]
fn oversized_files_and_outside_symlinks_are_rejected() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::write(raw.join("ok.txt"), ZH_HANS).expect("write");
    std::fs::write(raw.join("big.txt"), ZH_HANT.repeat(50)).expect("write");
    let outside = t.path().join("secret.txt");
    std::fs::write(&outside, EN).expect("write");
    std::os::unix::fs::symlink(&outside, raw.join("link.txt")).expect("symlink");
    let out = t.path().join("out");
    let o = run(&raw, &out, &["--max-bytes", "2000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let issues = std::fs::read_to_string(out.join("issues.json")).expect("issues");
    assert!(issues.contains("file-too-large") && issues.contains("big.txt"));
    assert!(issues.contains("symlink-outside") && issues.contains("link.txt"));
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 1);
}

#[test]
fn schema_violations_never_publish_and_name_table_row_field_value() {
    let (t, raw, out) = one_article("004_6a619cd3fbb93b98.txt");
    let before = snapshot(&out);
    let visits = read_csv(&out.join("visits.csv"));
    let vid = visits[0]["visit_id"].clone();
    let statements = read_csv(&out.join("statements.csv"));
    let sid = statements[0]["statement_id"].clone();
    // (override, code, field, value, confined to one record: quarantined unless --strict)
    let cases = [
        (format!("set,visits,{vid},n_sources,many,type test"), "type-error", "n_sources", "many", true),
        (format!("set,visits,{vid},visitor_id,,missing test"), "constraint-error", "visitor_id", "", true),
        (format!("set,statements,{sid},speaker_id,NOBODY,fk test"), "foreign-key", "speaker_id", "NOBODY", false),
        (
            format!("add,visits,{vid},,visitor_id=KJU;visitor_name=Kim Jong Un;host_country=CHN;status=took_place;n_sources=1,dup test"),
            "primary-key",
            "visit_id",
            vid.as_str(),
            false,
        ),
        (format!("set,visits,{vid},host_country,China,enum test"), "constraint-error", "host_country", "China", true),
        // A streamed table (statements are written document by document).
        (format!("set,statements,{sid},is_direct_quote,maybe,type test"), "type-error", "is_direct_quote", "maybe", true),
    ];
    for (line, code, field, value, row_level) in cases {
        let cur = t.path().join("overrides.csv");
        std::fs::write(&cur, format!("action,table,record_id,field,value,reason\n{line}\n")).expect("write");
        let cur = cur.to_str().expect("utf-8");
        // Strict (as make data): nothing is published, the error names table, row, field, value.
        let o = run(&raw, &out, &["--curation", cur, "--strict"]);
        assert!(!o.status.success(), "{line}: strict run should fail");
        let err = stderr(&o);
        assert!(
            err.lines().any(|l| l.contains(code)
                && l.contains("table=")
                && l.contains("row=")
                && l.contains(&format!("field={field}"))
                && l.contains(&format!("value={value:?}"))),
            "{line}: no line names {code} {field} {value:?}:\n{err}"
        );
        assert_eq!(snapshot(&out), before, "{line}: previous dataset changed");
        // Not strict: one bad record is quarantined and the rest publishes; a problem between
        // rows or tables still stops the run.
        let out2 = t.path().join("out2");
        let o = run(&raw, &out2, &["--curation", cur]);
        assert_eq!(o.status.success(), row_level, "{line}: {}", stderr(&o));
        if row_level {
            let bad = if line.contains(",statements,") { &sid } else { &vid };
            assert!(!read_csv(&out2.join("visits.csv")).iter().any(|v| &v["visit_id"] == bad), "{line}: bad record published");
            assert!(!read_csv(&out2.join("statements.csv")).iter().any(|v| &v["statement_id"] == bad), "{line}: bad record published");
            assert!(!read_csv(&out2.join("mentions.csv")).iter().any(|m| &m["record_id"] == bad), "{line}: its mentions published");
            let issues: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(out2.join("issues.json")).expect("issues")).expect("json");
            let q = issues["quarantined"].as_array().expect("quarantined list");
            assert!(
                q.iter().any(|i| i["field"] == field && i["message"].as_str().is_some_and(|m| m.contains(code) && m.contains("evidence: 004_"))),
                "{line}: not listed with its evidence: {q:?}"
            );
            assert!(stderr(&o).contains("1 records quarantined"), "{line}: count not on stderr");
        }
        std::fs::remove_dir_all(&out2).ok();
    }
}

#[test]
fn a_killed_run_leaves_the_old_or_the_new_dataset() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw_old = t.path().join("raw_old");
    std::fs::create_dir_all(&raw_old).expect("mkdir");
    std::fs::copy(root().join("raw/002_0925f88c9684cde2.txt"), raw_old.join("002_0925f88c9684cde2.txt")).expect("copy");
    let raw_new = root().join("raw");
    let old = t.path().join("old");
    let new = t.path().join("new");
    assert!(run(&raw_old, &old, &[]).status.success());
    assert!(run(&raw_new, &new, &[]).status.success());
    let (snap_old, snap_new) = (snapshot(&old), snapshot(&new));
    assert_ne!(snap_old, snap_new);
    let out = t.path().join("out");
    let r = root();
    let mut saw_old = 0;
    let mut saw_new = 0;
    // Kill at many points: from before reading input to after the swap, plus inside a widened
    // window between the complete write and the swap.
    // (kill after ms, pause before publish ms); `None` = let it finish. The pauses make sure some
    // kills land between the complete write and the swap however fast or slow the machine is.
    let plans: Vec<(Option<u64>, Option<u64>)> = (0..16u64)
        .map(|i| (Some(i * 9), None))
        .chain([(Some(40), Some(600)), (Some(300), Some(600)), (Some(10), Some(100)), (None, None)])
        .collect();
    for (delay, pause) in plans {
        let _ = std::fs::remove_dir_all(&out);
        copy_dir(&old, &out);
        let mut c = cnkp();
        c.arg("run").arg("--raw").arg(&raw_new).arg("--out").arg(&out);
        c.arg("--reference").arg(r.join("reference")).arg("--schemas").arg(r.join("schemas"));
        c.arg("--curation").arg(r.join("curation/overrides.csv"));
        if let Some(ms) = pause {
            c.env("CNKP_PAUSE_BEFORE_PUBLISH_MS", ms.to_string());
        }
        c.stderr(std::process::Stdio::null());
        let mut child = c.spawn().expect("spawn");
        if let Some(ms) = delay {
            std::thread::sleep(Duration::from_millis(ms));
            let _ = child.kill(); // SIGKILL
        }
        let _ = child.wait();
        let now = snapshot(&out);
        if now == snap_old {
            saw_old += 1;
        } else if now == snap_new {
            saw_new += 1;
        } else {
            panic!("after a kill at {delay:?} ms (pause {pause:?}) the output is neither the old nor the new dataset");
        }
        let v = cnkp().arg("validate").arg(&out).arg("--schemas").arg(r.join("schemas")).output().expect("validate");
        assert!(v.status.success(), "{}", stderr(&v));
    }
    assert!(saw_old > 0, "no kill landed before the swap");
    assert!(saw_new > 0, "no run completed");
    // Leftover temporary folders of killed runs are removed by the next run.
    assert!(run(&raw_new, &out, &[]).status.success());
    let leftovers: Vec<_> =
        std::fs::read_dir(t.path()).expect("dir").flatten().filter(|e| e.file_name().to_string_lossy().starts_with(".out.tmp-")).collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn text_that_cannot_be_decoded_without_loss_is_rejected() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::write(raw.join("ok.txt"), ZH_HANS).expect("write");
    // UTF-16LE with a BOM and an unpaired surrogate.
    let mut bad = vec![0xFF, 0xFE];
    for unit in "金正恩".encode_utf16() {
        bad.extend_from_slice(&unit.to_le_bytes());
    }
    bad.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
    std::fs::write(raw.join("broken.txt"), bad).expect("write");
    // UTF-16BE with a BOM decodes.
    let mut be = vec![0xFE, 0xFF];
    for unit in EN2.encode_utf16() {
        be.extend_from_slice(&unit.to_be_bytes());
    }
    std::fs::write(raw.join("be.txt"), be).expect("write");
    let out = t.path().join("out");
    let o = run(&raw, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).lines().any(|l| l.contains("broken.txt") && l.contains("encoding-error")), "{}", stderr(&o));
    let docs = read_csv(&out.join("documents.csv"));
    assert!(docs.iter().any(|d| d["doc_id"] == "be" && d["encoding"] == "utf-16be"));
    assert!(!docs.iter().any(|d| d["doc_id"] == "broken"));
}
