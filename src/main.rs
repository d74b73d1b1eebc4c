fn main() {
    std::process::exit(thaiplan::cli::main());
}
