package community.linli.residents;

import community.linli.tables.residents.IdCardNumber;
import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.residents.Gender;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** GB 11643 numbers, without AWS. */
class IdCardNumberTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void theStandardsExample_withItsXCheckCharacter_isValid_andGivesBirthDateAndGender() {
        assertThat(IdCardNumber.flaw("11010519491231002X", TODAY)).isNull();

        IdCardNumber id = IdCardNumber.of("11010519491231002X");

        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.gender()).isEqualTo(Gender.FEMALE);
        assertThat(IdCardNumber.of("630102197205140312").gender()).isEqualTo(Gender.MALE);
    }

    @Test
    void everyOtherCheckCharacter_isRefused() {
        for (char c : "0123456789".toCharArray()) {
            assertThat(IdCardNumber.flaw("11010519491231002" + c, TODAY)).isEqualTo(IdCardNumber.Flaw.CHECK_DIGIT);
        }
    }

    @Test
    void aBirthDateThatIsNotADay_isBefore1900_orAfterToday_isRefused() {
        for (String date : new String[] {"20230229", "19000000", "18991231", "20261201"}) {
            String first17 = "110105" + date + "002";
            assertThat(IdCardNumber.flaw(first17 + IdCardNumber.checkCharacter(first17), TODAY)).as(date)
                    .isEqualTo(IdCardNumber.Flaw.BIRTH_DATE);
        }
        String today = "110105" + "20261130" + "002";
        assertThat(IdCardNumber.flaw(today + IdCardNumber.checkCharacter(today), TODAY)).isNull();
    }

    @Test
    void aLowerCaseX_isNormalized_andOtherShapesAreRefused() {
        assertThat(IdCardNumber.normalize(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        assertThat(IdCardNumber.flaw("1101051949123100", TODAY)).isEqualTo(IdCardNumber.Flaw.SHAPE);
        assertThat(IdCardNumber.flaw("X1010519491231002X", TODAY)).isEqualTo(IdCardNumber.Flaw.SHAPE);
        assertThat(IdCardNumber.flaw(null, TODAY)).isEqualTo(IdCardNumber.Flaw.SHAPE);
    }

    @Test
    void itsTextNeverCarriesTheNumber() {
        assertThat(IdCardNumber.of("11010519491231002X").toString()).doesNotContain("1101");
    }
}
