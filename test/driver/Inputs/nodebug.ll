; A module without debug info: places are unknown, names come from the IR.
define ptr @leak() {
  %x = alloca i32, align 4
  store i32 1, ptr %x
  ret ptr %x
}
