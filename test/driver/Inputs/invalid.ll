; Not valid IR: line 5 has no instruction the parser knows.
define i32 @f() {
entry:
  %x = add i32 1, 2
  frobnicate i32 %x
  ret i32 %x
}
