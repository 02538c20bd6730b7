# An assembler input for `escc cc`: goes to clang unchanged.
	.text
	.globl	answer_from_assembly
answer_from_assembly:
	movl	$42, %eax
	ret
	.section	.note.GNU-stack,"",@progbits
