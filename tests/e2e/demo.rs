//! `chatcrm demo`: the same flows in a terminal.

use std::process::Stdio;
use tokio::io::AsyncWriteExt;

#[tokio::test]
async fn the_demo_runs_the_real_flows_in_the_terminal() {
    let folder = std::env::temp_dir().join(format!("chatcrm-demo-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let database = format!("sqlite://{}", folder.join("demo.db").display());
    let mut demo = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(["demo", "--database-url", &database])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Add, find, open the result (1), Log call (1), Reached (1), a note.
    let script = "/add Ivan Petrov +79991234567\n/find petrov\n1\n1\n1\nsends the contract\n";
    let mut stdin = demo.stdin.take().unwrap();
    stdin.write_all(script.as_bytes()).await.unwrap();
    drop(stdin);
    let output = demo.wait_with_output().await.unwrap();
    let _ = std::fs::remove_dir_all(&folder);
    assert!(output.status.success());
    let screen = String::from_utf8(output.stdout).unwrap();
    assert!(screen.contains("[1] Ivan Petrov"), "{screen}");
    assert!(screen.contains("[1] 📞 Log call"), "{screen}");
    assert!(screen.contains("Call logged: Reached"), "{screen}");
    assert!(
        screen.contains("call — Reached: sends the contract"),
        "{screen}"
    );
}
