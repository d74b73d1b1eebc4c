//! OCR of image-only PDF pages with the tesseract command-line tool.
//! (Issue 6: to be implemented.)
