//! The installed package, as a person gets it: `scripts/test.sh` builds the `.deb` with
//! `npm run tauri build`, installs it with `apt-get install ./….deb`, runs this test against
//! `/usr/bin/soremap` with a fresh `HOME` (`SOREMAP_PACKAGE_HOME`), and removes the package again.

use std::path::PathBuf;

use soremap_e2e::{app_path, Session, WAIT};

#[test]
#[ignore = "needs the installed package; scripts/test.sh installs it and runs this with --ignored"]
fn the_installed_package_opens_and_keeps_its_data_in_the_users_data_folder() {
    assert_eq!(
        app_path(),
        PathBuf::from("/usr/bin/soremap"),
        "run with SOREMAP_APP=/usr/bin/soremap"
    );
    assert!(
        PathBuf::from("/usr/share/applications/SoreMap.desktop").exists(),
        "the package installs a desktop entry"
    );
    // The HOME the app was started with (tauri-driver's), not the test's own.
    let home = PathBuf::from(std::env::var("SOREMAP_PACKAGE_HOME").expect("SOREMAP_PACKAGE_HOME"));
    let data = home.join(".local/share/app.soremap.desktop");
    assert!(
        !data.exists(),
        "a fresh HOME: {} already exists",
        data.display()
    );

    // Started without arguments, as from the desktop entry.
    let s = Session::launch(&[]).expect("the installed app starts");
    assert!(s.find_all(".figure .region").unwrap().len() > 80);
    s.click_on(".figure .region[data-region='quadriceps'][data-side='left']");
    s.wait_for(".region-panel[data-region='quadriceps']", WAIT)
        .unwrap();
    s.screenshot("80-installed-package").unwrap();

    // Its database is in the user's data folder, where the README says it is.
    let db = data.join("soremap.sqlite3");
    assert!(db.exists(), "{} was not created", db.display());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let regions: i64 = conn
        .query_row("SELECT count(*) FROM regions", [], |r| r.get(0))
        .unwrap();
    assert!(regions >= 47, "the catalogue is loaded: {regions} regions");
}
