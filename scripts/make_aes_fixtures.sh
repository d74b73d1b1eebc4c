#!/bin/sh
# AES-encrypted copies of two small committed fixtures, as Acrobat's and
# Word's "restrict editing" write them: an empty user password (opens
# without asking) and an owner password. Needs qpdf (scripts/setup.sh).
# Re-run from the repository root after changing the source fixtures:
#   sh scripts/make_aes_fixtures.sh
set -eu
cd fixtures/pdf
src=letter_spaced_actualtext.pdf
tab=table_multipage_repeated_header.pdf
# AESV2: AES-128, standard security handler revision 4.
qpdf --static-id --encrypt "" owner 128 --use-aes=y -- "$src" aes128_empty_user_password.pdf
# AESV3: AES-256, revision 6 (Acrobat X and later, Word).
qpdf --static-id --encrypt "" owner 256 -- "$tab" aes256_empty_user_password.pdf
# Revision 4 with /EncryptMetadata false (the XMP stays readable; the
# file key then hashes 0xFFFFFFFF too, Algorithm 2 step f).
qpdf --static-id --encrypt "" owner 128 --use-aes=y --cleartext-metadata -- "$src" aes128_cleartext_metadata.pdf
# A real user password: must stay a clear `encrypted` error.
qpdf --static-id --encrypt secret owner 256 -- "$src" aes256_user_password_secret.pdf
qpdf --static-id --encrypt secret owner 128 --use-aes=y -- "$src" aes128_user_password_secret.pdf
