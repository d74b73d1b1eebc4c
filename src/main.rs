//! The `thaiplan` binary: everything lives in the library (`thaiplan::cli`).

fn main() {
    std::process::exit(thaiplan::cli::main());
}
