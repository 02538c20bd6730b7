; The "exception" reason: an address that is part of an exception in flight (resume).
define void @rethrow() personality ptr @__gxx_personality_v0 {
  %x = alloca i32, align 4
  %in_flight = insertvalue { ptr, i32 } poison, ptr %x, 0
  resume { ptr, i32 } %in_flight
}
declare i32 @__gxx_personality_v0(...)
