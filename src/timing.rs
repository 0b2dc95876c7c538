//! Seconds spent in each stage, for `-v` and the build report.

use std::time::Instant;

/// Laps of named stages.
#[derive(Debug)]
pub struct StageClock {
    last: Instant,
    laps: Vec<(String, f64)>,
}

impl StageClock {
    /// A clock started now.
    pub fn start() -> StageClock {
        StageClock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Records the time since the last lap (or the start) as `stage`.
    pub fn lap(&mut self, stage: &str) {
        let now = Instant::now();
        self.laps
            .push((stage.to_string(), (now - self.last).as_secs_f64()));
        self.last = now;
    }

    /// Records laps measured elsewhere (a stage's own), named `prefix: stage`; the current lap
    /// goes on (the next `lap` still counts from the last one).
    pub fn extend(&mut self, prefix: &str, laps: &[(String, f64)]) {
        self.laps.extend(
            laps.iter()
                .map(|(stage, seconds)| (format!("{prefix}: {stage}"), *seconds)),
        );
    }

    /// The laps, in order.
    pub fn into_laps(self) -> Vec<(String, f64)> {
        self.laps
    }
}
