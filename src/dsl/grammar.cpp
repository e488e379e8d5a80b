// The one place where the rule-file grammar is instantiated.
#include "dsl/grammar_def.hpp"

namespace kefu::detail::dsl {

namespace grammar {
BOOST_SPIRIT_INSTANTIATE(skipper_type, iterator_type, x3::unused_type)
BOOST_SPIRIT_INSTANTIATE(statement_type, iterator_type, context_type)
}  // namespace grammar

grammar::skipper_type const& skipper() { return grammar::skipper; }
grammar::statement_type const& statement() { return grammar::statement; }

}  // namespace kefu::detail::dsl
