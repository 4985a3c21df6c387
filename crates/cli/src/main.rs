//! The `dyad` command: a thin shell that wires the pipeline stages together.

fn main() {
    println!("dyad");
}
