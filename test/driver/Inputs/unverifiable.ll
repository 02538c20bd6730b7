; Parses, but the verifier rejects it: a use that its definition does not dominate.
define i32 @f(i1 %c) {
entry:
  br i1 %c, label %then, label %done
then:
  %x = add i32 1, 2
  br label %done
done:
  ret i32 %x
}
