package p

import (
	"reflect"
	"unsafe"
)

func offset(p *[4]int) *int {
	return (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + 8))
}

func toSliceData(s *[]int, p unsafe.Pointer) {
	(*reflect.SliceHeader)(unsafe.Pointer(s)).Data = uintptr(p)
}

func fromSliceData(s []int) unsafe.Pointer {
	return unsafe.Pointer((*reflect.SliceHeader)(unsafe.Pointer(&s)).Data)
}
