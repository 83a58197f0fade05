package io.instflow.contract;

import io.instflow.avro.BookSide;
import io.instflow.avro.MboAction;
import io.instflow.dbn.DbnConstants;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MboFieldsTest {

    @Test
    void shouldMapEveryDbnActionToItsAvroSymbolAndBack() {
        String codes = "ACMRTFN";
        String symbols = "ADD CANCEL MODIFY CLEAR TRADE FILL NONE";
        String[] names = symbols.split(" ");
        for (int i = 0; i < codes.length(); i++) {
            byte code = (byte) codes.charAt(i);
            assertThat(MboFields.action(code).name()).isEqualTo(names[i]);
            assertThat(MboFields.dbnAction(MboFields.action(code))).isEqualTo(code);
        }
    }

    @Test
    void shouldMapUnknownCodesWithoutThrowing() {
        assertThat(MboFields.action((byte) 'X')).isEqualTo(MboAction.UNKNOWN);
        assertThat(MboFields.dbnAction(MboAction.UNKNOWN)).isEqualTo((byte) 'N');
        assertThat(MboFields.side((byte) 0)).isEqualTo(BookSide.NONE);
    }

    @Test
    void shouldMapSidesBothWays() {
        for (byte code : new byte[] {'B', 'A', 'N'}) {
            assertThat(MboFields.dbnSide(MboFields.side(code))).isEqualTo(code);
        }
        assertThat(MboFields.side((byte) 'B')).isEqualTo(BookSide.BID);
    }

    @Test
    void shouldMapTheUndefinedPriceToNullAndBack() {
        assertThat(MboFields.price(DbnConstants.UNDEF_PRICE)).isNull();
        assertThat(MboFields.dbnPrice(null)).isEqualTo(DbnConstants.UNDEF_PRICE);
        assertThat(MboFields.dbnPrice(MboFields.price(-25_000_000_000L)))
                .isEqualTo(-25_000_000_000L);
    }

    @Test
    void shouldKeepTheEnumOrderOfTheSchemaForTheDirectEncoder() {
        assertThat(MboAction.getClassSchema().getEnumSymbols())
                .containsExactly(
                        "ADD", "CANCEL", "MODIFY", "CLEAR", "TRADE", "FILL", "NONE", "UNKNOWN");
        assertThat(BookSide.getClassSchema().getEnumSymbols())
                .containsExactly("BID", "ASK", "NONE");
    }
}
