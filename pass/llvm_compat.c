/*
 * llvm_compat.c — the only place that knows which LLVM version escc is built against
 * (ESC_LLVM_VERSION_MAJOR): capture attributes (LLVM 19's `nocapture` flag versus 21+'s
 * `captures(...)` components), debug-info form (19 reads llvm.dbg.declare calls, 22 reads
 * #dbg_declare records) and the operand layout of debug-info types.
 *
 * Invariant: attribute kinds are looked up by name, never by number, and every answer errs
 * towards "may capture" when an attribute is absent or not understood.
 */
#include "llvm_compat.h"
#include "memory.h"

#include <llvm-c/DebugInfo.h>
#include <stdlib.h>
#include <string.h>

#ifndef ESC_LLVM_VERSION_MAJOR
#error "ESC_LLVM_VERSION_MAJOR must be defined by the build (pass/CMakeLists.txt)"
#endif

/* ===== Attributes ============================================================================ */

static unsigned attribute_kind(const char *name) {
  return LLVMGetEnumAttributeKindForName(name, strlen(name));
}

/* The called function when its declaration's attributes describe this call: a direct call
 * whose function type matches the call's. NULL for indirect calls, inline asm and calls
 * through a mismatched prototype. */
static LLVMValueRef direct_callee(LLVMValueRef call, unsigned arg_index) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  if (!callee || !LLVMIsAFunction(callee))
    return NULL;
  if (LLVMGlobalGetValueType(callee) != LLVMGetCalledFunctionType(call))
    return NULL;
  if (arg_index >= LLVMCountParams(callee))
    return NULL;
  return callee;
}

/* Attribute index of argument arg_index in LLVM's attribute lists (0 is the return value). */
static unsigned argument_attribute_index(unsigned arg_index) { return arg_index + 1; }

/* The attribute of the given kind on the argument at the call site, else on the callee. */
static LLVMAttributeRef argument_attribute(LLVMValueRef call, unsigned arg_index, unsigned kind,
                                           bool from_call_site) {
  unsigned index = argument_attribute_index(arg_index);
  if (from_call_site)
    return LLVMGetCallSiteEnumAttribute(call, index, kind);
  LLVMValueRef callee = direct_callee(call, arg_index);
  return callee ? LLVMGetEnumAttributeAtIndex(callee, index, kind) : NULL;
}

bool esc_argument_has_attribute(LLVMValueRef call, unsigned arg_index, const char *name) {
  unsigned kind = attribute_kind(name);
  if (kind == 0)
    return false;
  return argument_attribute(call, arg_index, kind, true) ||
         argument_attribute(call, arg_index, kind, false);
}

/* The named attribute on the function's own parameter, or NULL. */
static LLVMAttributeRef parameter_attribute(LLVMValueRef argument, const char *name) {
  unsigned kind = attribute_kind(name);
  if (kind == 0)
    return NULL;
  LLVMValueRef function = LLVMGetParamParent(argument);
  unsigned index = 0;
  for (LLVMValueRef parameter = LLVMGetFirstParam(function); parameter;
       parameter = LLVMGetNextParam(parameter), index++)
    if (parameter == argument)
      return LLVMGetEnumAttributeAtIndex(function, argument_attribute_index(index), kind);
  return NULL;
}

bool esc_parameter_has_attribute(LLVMValueRef argument, const char *name) {
  return parameter_attribute(argument, name) != NULL;
}

LLVMTypeRef esc_parameter_type_attribute(LLVMValueRef argument, const char *name) {
  LLVMAttributeRef attribute = parameter_attribute(argument, name);
  return attribute ? LLVMGetTypeAttributeValue(attribute) : NULL;
}

uint64_t esc_parameter_integer_attribute(LLVMValueRef argument, const char *name) {
  LLVMAttributeRef attribute = parameter_attribute(argument, name);
  return attribute ? LLVMGetEnumAttributeValue(attribute) : 0;
}

/* MemoryEffects as stored in the integer value of `memory(...)`: two bits per memory location
 * (argument memory, inaccessible memory, other; 22 adds more), Ref = 1 and Mod = 2 in each. A
 * function writes nothing when no location has its Mod bit. */
enum { ESC_MEMORY_EFFECTS_MOD_BITS = 0x55555555u << 1 };

bool esc_function_may_write_memory(LLVMValueRef function) {
  LLVMAttributeRef memory =
      LLVMGetEnumAttributeAtIndex(function, LLVMAttributeFunctionIndex, attribute_kind("memory"));
  if (!memory)
    return true;
  return (LLVMGetEnumAttributeValue(memory) & ESC_MEMORY_EFFECTS_MOD_BITS) != 0;
}

/*
 * CaptureInfo as stored in the integer value of `captures(...)` (LLVM 21+, checked on 22):
 *   value = other_components << 4 | ret_components
 * where each 4-bit component set is a union of
 *   address_is_null = 0x1, address = 0x3 (implies address_is_null),
 *   read_provenance = 0x4, provenance = 0xc (implies read_provenance).
 * E.g. captures(none) = 0x00, captures(ret: address, provenance) = 0x0f,
 * captures(address) = 0x33, captures(address, provenance) = 0xff. On 22 `nocapture` in
 * textual IR is upgraded to captures(none) and there is no "nocapture" kind.
 */
enum {
  ESC_CAPTURE_COMPONENT_BITS = 4,
  ESC_CAPTURE_COMPONENT_MASK = 0xf,
  ESC_CAPTURE_ALL_COMPONENTS = 0xff,
  /* Learning only whether the pointer is null reveals nothing through which the object could
   * be reached, so it does not count as a capture here. */
  ESC_CAPTURE_ADDRESS_IS_NULL = 0x1,
};

static esc_capture decode_capture_info(uint64_t capture_info) {
  uint64_t ret_components = capture_info & ESC_CAPTURE_COMPONENT_MASK;
  uint64_t other_components =
      (capture_info >> ESC_CAPTURE_COMPONENT_BITS) & ESC_CAPTURE_COMPONENT_MASK;
  ret_components &= ~(uint64_t)ESC_CAPTURE_ADDRESS_IS_NULL;
  other_components &= ~(uint64_t)ESC_CAPTURE_ADDRESS_IS_NULL;
  if (other_components != 0)
    return ESC_CAPTURE_ANY;
  return ret_components == 0 ? ESC_CAPTURE_NONE : ESC_CAPTURE_RETURN_ONLY;
}

/* The capture components the attribute at one place (call site or callee) allows. */
static uint64_t allowed_capture_components(LLVMValueRef call, unsigned arg_index,
                                           bool from_call_site) {
  unsigned captures_kind = attribute_kind("captures");
  if (captures_kind != 0) {
    LLVMAttributeRef captures = argument_attribute(call, arg_index, captures_kind, from_call_site);
    if (captures)
      return LLVMGetEnumAttributeValue(captures);
  }
  unsigned nocapture_kind = attribute_kind("nocapture");
  if (nocapture_kind != 0 && argument_attribute(call, arg_index, nocapture_kind, from_call_site))
    return 0;
  return ESC_CAPTURE_ALL_COMPONENTS;
}

esc_capture esc_argument_capture(LLVMValueRef call, unsigned arg_index) {
  /* Both promises hold at once, so the call captures at most their intersection. */
  uint64_t allowed = allowed_capture_components(call, arg_index, true) &
                     allowed_capture_components(call, arg_index, false);
  return decode_capture_info(allowed);
}

/* ===== Debug information ====================================================================== */

bool esc_is_debug_intrinsic(LLVMValueRef instruction) {
  if (!LLVMIsACallInst(instruction))
    return false;
  LLVMValueRef callee = LLVMGetCalledValue(instruction);
  if (!callee || !LLVMIsAFunction(callee))
    return false;
  size_t length;
  const char *name = LLVMGetValueName2(callee, &length);
  static const char debug_prefix[] = "llvm.dbg.";
  return length >= sizeof debug_prefix - 1 &&
         strncmp(name, debug_prefix, sizeof debug_prefix - 1) == 0;
}

#if ESC_LLVM_VERSION_MAJOR < 20

/* The intrinsics that converting debug records to calls may declare. */
static const char *const debug_intrinsic_names[] = {"llvm.dbg.declare", "llvm.dbg.value",
                                                    "llvm.dbg.assign", "llvm.dbg.label"};
enum { ESC_DEBUG_INTRINSIC_COUNT = sizeof debug_intrinsic_names / sizeof *debug_intrinsic_names };

/* LLVM 19's C API cannot read debug records, so the module is switched to llvm.dbg.* calls. */
esc_debug_format_state esc_debug_format_begin(LLVMModuleRef module) {
  esc_debug_format_state state = {.restore_new_format = LLVMIsNewDbgInfoFormat(module),
                                  .debug_intrinsics_present = 0};
  for (unsigned index = 0; index < ESC_DEBUG_INTRINSIC_COUNT; ++index) {
    if (LLVMGetNamedFunction(module, debug_intrinsic_names[index]))
      state.debug_intrinsics_present |= 1u << index;
  }
  if (state.restore_new_format)
    LLVMSetIsNewDbgInfoFormat(module, 0);
  return state;
}

void esc_debug_format_end(LLVMModuleRef module, esc_debug_format_state state) {
  if (!state.restore_new_format)
    return;
  LLVMSetIsNewDbgInfoFormat(module, 1);
  for (unsigned index = 0; index < ESC_DEBUG_INTRINSIC_COUNT; ++index) {
    LLVMValueRef intrinsic = LLVMGetNamedFunction(module, debug_intrinsic_names[index]);
    if (intrinsic && !(state.debug_intrinsics_present & (1u << index)) &&
        !LLVMGetFirstUse(intrinsic))
      LLVMDeleteFunction(intrinsic);
  }
}

/* The value a `metadata ptr %x` operand wraps (the C API reads a wrapped value as a node with
 * one operand), or NULL when it wraps none (`!{}` left behind when the address was deleted). */
static LLVMValueRef wrapped_value(LLVMValueRef metadata_operand) {
  if (LLVMGetMDNodeNumOperands(metadata_operand) != 1)
    return NULL;
  LLVMValueRef wrapped;
  LLVMGetMDNodeOperands(metadata_operand, &wrapped);
  return wrapped;
}

/* Intrinsic ids are looked up by name: they are numbered differently across versions. */
static unsigned intrinsic_id(const char *name) { return LLVMLookupIntrinsicID(name, strlen(name)); }

/* Operand positions of llvm.dbg.declare(address, variable, expression) and of
 * llvm.dbg.assign(value, variable, expression, assign id, address, address expression). */
enum {
  ESC_DECLARE_ADDRESS_OPERAND = 0,
  ESC_ASSIGN_ADDRESS_OPERAND = 4,
  ESC_DEBUG_VARIABLE_OPERAND = 1,
};

/* Assignment tracking (clang -O1 and up with -g runs it at pipeline start) replaces an alloca's
 * llvm.dbg.declare by llvm.dbg.assign calls; their address operand names the variable too. */
void esc_for_each_declare(LLVMValueRef function, esc_declare_visitor visit, void *context) {
  unsigned declare_id = intrinsic_id("llvm.dbg.declare");
  unsigned assign_id = intrinsic_id("llvm.dbg.assign");
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block)) {
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (!LLVMIsACallInst(instruction))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(instruction);
      if (!callee || !LLVMIsAFunction(callee))
        continue;
      unsigned id = LLVMGetIntrinsicID(callee);
      if (id != declare_id && id != assign_id)
        continue;
      unsigned address_operand =
          id == declare_id ? ESC_DECLARE_ADDRESS_OPERAND : ESC_ASSIGN_ADDRESS_OPERAND;
      LLVMValueRef address = wrapped_value(LLVMGetOperand(instruction, address_operand));
      if (!address)
        continue;
      LLVMMetadataRef variable =
          LLVMValueAsMetadata(LLVMGetOperand(instruction, ESC_DEBUG_VARIABLE_OPERAND));
      visit(address, variable, LLVMInstructionGetDebugLoc(instruction), context);
    }
  }
}

#else

/* LLVM 22 reads debug records directly; the module keeps its format. */
esc_debug_format_state esc_debug_format_begin(LLVMModuleRef module) {
  (void)module;
  esc_debug_format_state state = {.restore_new_format = false, .debug_intrinsics_present = 0};
  return state;
}

void esc_debug_format_end(LLVMModuleRef module, esc_debug_format_state state) {
  (void)module;
  (void)state;
}

/*
 * Assignment tracking (clang -O1 and up with -g runs it at pipeline start) replaces an alloca's
 * #dbg_declare by #dbg_assign records, whose address the LLVM 22 C API does not expose. The
 * record it creates for the alloca itself directly follows the alloca (which carries a
 * !DIAssignID) and describes a not-yet-known (poison) value: that one names the alloca.
 */
static LLVMDbgRecordRef alloca_assign_record(LLVMValueRef instruction) {
  static const char assign_id[] = "DIAssignID";
  if (!LLVMIsAAllocaInst(instruction))
    return NULL;
  LLVMContextRef context = LLVMGetTypeContext(LLVMTypeOf(instruction));
  if (!LLVMGetMetadata(instruction,
                       LLVMGetMDKindIDInContext(context, assign_id, sizeof assign_id - 1)))
    return NULL;
  LLVMValueRef next = LLVMGetNextInstruction(instruction);
  LLVMDbgRecordRef record = next ? LLVMGetFirstDbgRecord(next) : NULL;
  if (!record || LLVMDbgRecordGetKind(record) != LLVMDbgRecordAssign)
    return NULL;
  LLVMValueRef value = LLVMDbgVariableRecordGetValue(record, 0);
  return value && LLVMIsPoison(value) ? record : NULL;
}

/* Calls visit(record, instruction, context) for every #dbg_declare record of FUNCTION, with the
 * instruction the record is attached to, and visit_instruction(instruction, context) for every
 * instruction (may be NULL). The one walk over records that reading and moving declares share. */
typedef void declare_record_visitor(LLVMDbgRecordRef record, LLVMValueRef instruction,
                                    void *context);
static void walk_declare_records(LLVMValueRef function, declare_record_visitor *visit,
                                 void (*visit_instruction)(LLVMValueRef, void *), void *context) {
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block)) {
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      for (LLVMDbgRecordRef record = LLVMGetFirstDbgRecord(instruction); record;
           record = LLVMGetNextDbgRecord(record))
        if (LLVMDbgRecordGetKind(record) == LLVMDbgRecordDeclare)
          visit(record, instruction, context);
      if (visit_instruction)
        visit_instruction(instruction, context);
    }
  }
}

struct declare_visit {
  esc_declare_visitor visit;
  void *context;
};

static void visit_declare_record(LLVMDbgRecordRef record, LLVMValueRef instruction, void *opaque) {
  (void)instruction;
  struct declare_visit *declare = opaque;
  LLVMValueRef address = LLVMDbgVariableRecordGetValue(record, 0);
  if (address)
    declare->visit(address, LLVMDbgVariableRecordGetVariable(record),
                   LLVMDbgRecordGetDebugLoc(record), declare->context);
}

static void visit_assigned_alloca(LLVMValueRef instruction, void *opaque) {
  struct declare_visit *declare = opaque;
  LLVMDbgRecordRef assign = alloca_assign_record(instruction);
  if (assign)
    declare->visit(instruction, LLVMDbgVariableRecordGetVariable(assign),
                   LLVMDbgRecordGetDebugLoc(assign), declare->context);
}

void esc_for_each_declare(LLVMValueRef function, esc_declare_visitor visit, void *context) {
  struct declare_visit declare = {visit, context};
  walk_declare_records(function, visit_declare_record, visit_assigned_alloca, &declare);
}

#endif

/* ===== Debug-info types ====================================================================== */

/* DILocalVariable: scope, name, file, type. DIType: file, scope, name (and from LLVM 21 size and
 * offset), then DIDerivedType's and DICompositeType's base type, then DICompositeType's elements.
 */
enum { DI_VARIABLE_TYPE_OPERAND = 3 };
#if ESC_LLVM_VERSION_MAJOR < 21
enum { DI_TYPE_BASE_OPERAND = 3, DI_TYPE_ELEMENTS_OPERAND = 4 };
#else
enum { DI_TYPE_BASE_OPERAND = 5, DI_TYPE_ELEMENTS_OPERAND = 6 };
#endif

static LLVMMetadataRef metadata_operand(LLVMContextRef context, LLVMMetadataRef md,
                                        unsigned index) {
  LLVMValueRef node = LLVMMetadataAsValue(context, md);
  unsigned count = LLVMGetMDNodeNumOperands(node);
  if (index >= count)
    return NULL;
  LLVMValueRef *operands = esc_xmalloc(count * sizeof *operands);
  LLVMGetMDNodeOperands(node, operands);
  LLVMValueRef operand = operands[index];
  free(operands);
  return operand ? LLVMValueAsMetadata(operand) : NULL;
}

LLVMMetadataRef esc_di_variable_type(LLVMContextRef context, LLVMMetadataRef variable) {
  return metadata_operand(context, variable, DI_VARIABLE_TYPE_OPERAND);
}

LLVMMetadataRef esc_di_type_base(LLVMContextRef context, LLVMMetadataRef type) {
  return metadata_operand(context, type, DI_TYPE_BASE_OPERAND);
}

LLVMMetadataRef esc_di_type_elements(LLVMContextRef context, LLVMMetadataRef type) {
  return metadata_operand(context, type, DI_TYPE_ELEMENTS_OPERAND);
}

/* ===== Promotion support ======================================================================
 * Used by pass/promote.c only: moving a promoted variable's debug declares to its box. */

/* DW_OP_deref followed by old_expression, which must be empty; NULL otherwise (the C API cannot
 * read an expression's operations to keep them). */
static LLVMMetadataRef deref_expression(LLVMModuleRef module, LLVMMetadataRef old_expression) {
  uint64_t dw_op_deref = 0x06;
  LLVMDIBuilderRef builder = LLVMCreateDIBuilderDisallowUnresolved(module);
  LLVMMetadataRef empty = LLVMDIBuilderCreateExpression(builder, NULL, 0);
  LLVMMetadataRef deref = NULL;
  if (old_expression == empty)
    deref = LLVMDIBuilderCreateExpression(builder, &dw_op_deref, 1);
  LLVMDisposeDIBuilder(builder);
  return deref;
}

static LLVMValueRef function_of(LLVMValueRef instruction) {
  return LLVMGetBasicBlockParent(LLVMGetInstructionParent(instruction));
}

#if ESC_LLVM_VERSION_MAJOR < 20

/* llvm.dbg.declare(metadata ptr %alloca, metadata !variable, metadata !expression) calls are
 * changed in place; one whose expression cannot be kept is erased. */
void esc_move_declares_to_box(LLVMValueRef alloca, LLVMValueRef box) {
  unsigned declare_id = intrinsic_id("llvm.dbg.declare");
  LLVMValueRef function = function_of(alloca);
  LLVMModuleRef module = LLVMGetGlobalParent(function);
  LLVMContextRef context = LLVMGetModuleContext(module);
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block)) {
    LLVMValueRef next;
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = next) {
      next = LLVMGetNextInstruction(instruction);
      if (!LLVMIsACallInst(instruction))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(instruction);
      if (!callee || !LLVMIsAFunction(callee) || LLVMGetIntrinsicID(callee) != declare_id ||
          wrapped_value(LLVMGetOperand(instruction, 0)) != alloca)
        continue;
      LLVMMetadataRef expression =
          deref_expression(module, LLVMValueAsMetadata(LLVMGetOperand(instruction, 2)));
      if (!expression) {
        LLVMInstructionEraseFromParent(instruction);
        continue;
      }
      LLVMSetOperand(instruction, 0, LLVMMetadataAsValue(context, LLVMValueAsMetadata(box)));
      LLVMSetOperand(instruction, 2, LLVMMetadataAsValue(context, expression));
    }
  }
}

#else

/* Records cannot be changed or erased through the C API: a new declare on the box goes next to
 * each old one, which the caller kills by replacing the alloca with poison. */
struct declare_move {
  LLVMValueRef alloca, box;
  LLVMModuleRef module;
  LLVMDIBuilderRef builder;
};

static void move_declare_record(LLVMDbgRecordRef record, LLVMValueRef instruction, void *opaque) {
  struct declare_move *move = opaque;
  if (LLVMDbgVariableRecordGetValue(record, 0) != move->alloca)
    return;
  LLVMMetadataRef expression =
      deref_expression(move->module, LLVMDbgVariableRecordGetExpression(record));
  if (expression)
    LLVMDIBuilderInsertDeclareRecordBefore(move->builder, move->box,
                                           LLVMDbgVariableRecordGetVariable(record), expression,
                                           LLVMDbgRecordGetDebugLoc(record), instruction);
}

void esc_move_declares_to_box(LLVMValueRef alloca, LLVMValueRef box) {
  LLVMValueRef function = function_of(alloca);
  LLVMModuleRef module = LLVMGetGlobalParent(function);
  struct declare_move move = {alloca, box, module, LLVMCreateDIBuilderDisallowUnresolved(module)};
  walk_declare_records(function, move_declare_record, NULL, &move);
  LLVMDisposeDIBuilder(move.builder);
}

#endif
