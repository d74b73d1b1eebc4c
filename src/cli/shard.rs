//! Sharding for clusters: a document belongs to shard
//! `u64(sha256[0..8]) mod N`, so shards are stable whatever the file order.

/// `i/N` (0-based i).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("--shard wants i/N, got {s:?}"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("bad shard index in {s:?}"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("bad shard count in {s:?}"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {s:?}: need 0 <= i < N"));
        }
        Ok(Shard { index, count })
    }

    /// From the environment of common schedulers: Slurm array jobs
    /// (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, minus SLURM_ARRAY_TASK_MIN),
    /// Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX with THAIPLAN_SHARD_COUNT,
    /// since Kubernetes does not export the completion count), AWS Batch array
    /// jobs (AWS_BATCH_JOB_ARRAY_INDEX, AWS_BATCH_JOB_ARRAY_SIZE).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Option<Shard>, String> {
        let num = |k: &str| -> Result<Option<u64>, String> {
            match get(k) {
                None => Ok(None),
                Some(v) if v.trim().is_empty() => Ok(None),
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{k}={v:?} is not a number")),
            }
        };
        let fallback_count = num("THAIPLAN_SHARD_COUNT")?;
        let candidates: [(&str, Option<&str>); 3] = [
            ("SLURM_ARRAY_TASK_ID", Some("SLURM_ARRAY_TASK_COUNT")),
            ("JOB_COMPLETION_INDEX", None),
            (
                "AWS_BATCH_JOB_ARRAY_INDEX",
                Some("AWS_BATCH_JOB_ARRAY_SIZE"),
            ),
        ];
        for (idx_var, count_var) in candidates {
            if let Some(mut index) = num(idx_var)? {
                let count = match count_var {
                    Some(cv) => num(cv)?.or(fallback_count),
                    None => fallback_count,
                };
                let count = count.ok_or_else(|| {
                    format!("{idx_var} is set but the shard count is not: set {} or THAIPLAN_SHARD_COUNT", count_var.unwrap_or("THAIPLAN_SHARD_COUNT"))
                })?;
                if idx_var == "SLURM_ARRAY_TASK_ID" {
                    // Arrays may start at 1 (--array=1-8).
                    index -= num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0).min(index);
                }
                return Shard::parse(&format!("{index}/{count}")).map(Some);
            }
        }
        Ok(None)
    }

    pub fn owns(&self, sha256_hex: &str) -> bool {
        shard_of(sha256_hex, self.count) == self.index
    }
}

pub fn shard_of(sha256_hex: &str, count: u64) -> u64 {
    let head = sha256_hex.get(..16).unwrap_or("0");
    u64::from_str_radix(head, 16).unwrap_or(0) % count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reads_env() {
        assert_eq!(Shard::parse("1/4"), Ok(Shard { index: 1, count: 4 }));
        assert!(Shard::parse("4/4").is_err());
        let env = |k: &str| match k {
            "SLURM_ARRAY_TASK_ID" => Some("3".to_string()),
            "SLURM_ARRAY_TASK_COUNT" => Some("3".to_string()),
            "SLURM_ARRAY_TASK_MIN" => Some("1".to_string()),
            _ => None,
        };
        assert_eq!(Shard::from_env(env), Ok(Some(Shard { index: 2, count: 3 })));
        let k8s = |k: &str| match k {
            "JOB_COMPLETION_INDEX" => Some("0".to_string()),
            "THAIPLAN_SHARD_COUNT" => Some("2".to_string()),
            _ => None,
        };
        assert_eq!(Shard::from_env(k8s), Ok(Some(Shard { index: 0, count: 2 })));
        let aws = |k: &str| match k {
            "AWS_BATCH_JOB_ARRAY_INDEX" => Some("5".to_string()),
            "AWS_BATCH_JOB_ARRAY_SIZE" => Some("6".to_string()),
            _ => None,
        };
        assert_eq!(Shard::from_env(aws), Ok(Some(Shard { index: 5, count: 6 })));
        assert_eq!(Shard::from_env(|_| None), Ok(None));
    }

    #[test]
    fn shard_is_hash_mod_n() {
        let sha = "00000000000000ff".to_string() + &"0".repeat(48);
        assert_eq!(shard_of(&sha, 16), 15);
    }
}
