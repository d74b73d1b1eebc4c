//! `thaiplan eval`: field-level accuracy of records against hand-made gold
//! files (../shared/corpus/gold/FORMAT.md). (To be implemented.)
